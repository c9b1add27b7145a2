package dev.inkan.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
    @TempDir
    Path home;

    @Test
    void testSuccess_defaultsWorkWithoutAnyFile() {
        JsonObject c = ConfigLoader.load(Map.of("INKAN_HOME", home.toString()));
        assertEquals("127.0.0.1:14000", c.getJsonObject("acme").getString("listen"));
        assertEquals(new JsonArray().add("jprs.jp"), c.getJsonObject("acme").getJsonArray("caaIdentities"));
        assertEquals(home.toAbsolutePath().toString(), c.getString("home"));
    }

    @Test
    void testSuccess_fileInHomeOverridesDefaultsKeyByKey() throws Exception {
        Files.writeString(home.resolve("inkan.json"), "{\"acme\":{\"listen\":\"127.0.0.1:15000\"}}");
        JsonObject c = ConfigLoader.load(Map.of("INKAN_HOME", home.toString()));
        assertEquals("127.0.0.1:15000", c.getJsonObject("acme").getString("listen"));
        assertEquals("https://localhost:14000", c.getJsonObject("acme").getString("baseUrl"));
    }

    @Test
    void testSuccess_environmentOverridesFileWithTypedValues() throws Exception {
        Files.writeString(home.resolve("inkan.json"), "{\"validation\":{\"http01Port\":6000}}");
        JsonObject c = ConfigLoader.load(Map.of("INKAN_HOME", home.toString(),
                "INKAN_VALIDATION_HTTP01_PORT", "7000",
                "INKAN_ACME_EXTERNAL_ACCOUNT_REQUIRED", "true",
                "INKAN_VALIDATION_DNS_RESOLVERS", "127.0.0.1:9053,127.0.0.1:9054",
                "INKAN_HSM_PIN", "s3cret"));
        assertEquals(7000L, c.getJsonObject("validation").getLong("http01Port"));
        assertTrue(c.getJsonObject("acme").getBoolean("externalAccountRequired"));
        assertEquals(new JsonArray().add("127.0.0.1:9053").add("127.0.0.1:9054"),
                c.getJsonObject("validation").getJsonArray("dnsResolvers"));
        assertEquals("s3cret", c.getJsonObject("hsm").getString("pin"));
    }

    @Test
    void testFailure_unknownEnvironmentKeyIsNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ConfigLoader.load(Map.of("INKAN_HOME", home.toString(), "INKAN_ACME_LISTNE", "x")));
        assertTrue(e.getMessage().contains("INKAN_ACME_LISTNE"), e.getMessage());
    }

    @Test
    void testFailure_brokenConfigFileSaysWhichFile() throws Exception {
        Path file = home.resolve("broken.json");
        Files.writeString(file, "{ not json");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ConfigLoader.load(Map.of("INKAN_HOME", home.toString(), "INKAN_CONFIG", file.toString())));
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        assertFalse(e.getMessage().isBlank());
    }
}
