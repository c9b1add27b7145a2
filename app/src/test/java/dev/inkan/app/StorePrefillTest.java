package dev.inkan.app;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The bench's pre-fill writes certificates that no CA signed: a sandbox may hold them, production never. */
@Timeout(30)
class StorePrefillTest {
    @TempDir
    Path home;

    @Test
    void productionRefusesToPrefill() {
        Settings production = Settings.from(ConfigLoader.load(Map.of("INKAN_HOME", home.toString(), "INKAN_PROFILE", "production")));
        assertNotNull(StorePrefill.refusal(production));
    }

    @Test
    void sandboxMayPrefill() {
        assertNull(StorePrefill.refusal(Settings.from(ConfigLoader.load(Map.of("INKAN_HOME", home.toString())))));
    }
}
