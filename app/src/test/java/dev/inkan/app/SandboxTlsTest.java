package dev.inkan.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(30)
class SandboxTlsTest {
    @TempDir
    Path home;

    @Test
    void testSuccess_theListenerKeyIsReadableByItsOwnerOnly() throws Exception {
        SandboxTls tls = new SandboxTls(home).ensure(Clock.fixed(Instant.parse("2026-12-07T00:00:00Z"), ZoneOffset.UTC));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(tls.keyPem)));
    }
}
