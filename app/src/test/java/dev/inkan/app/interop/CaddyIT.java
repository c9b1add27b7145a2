package dev.inkan.app.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Caddy (Debian's caddy 2.6) as a new user points it at the sandbox: {@code acme_ca} and {@code acme_ca_root}, its
 * HTTP port on the sandbox's http-01 port and its HTTPS port on the tls-alpn-01 port. It follows the certificate's
 * Link rel="up" to the issuer with POST-as-GET, which RFC 8555 §6.3 allows for every resource.
 */
@Timeout(300)
class CaddyIT {
    private static final String NAME = "caddy1.example.com";

    @Test
    void testSuccess_automaticHttpsGetsAChainThatVerifies() throws Exception {
        SandboxServer server = SandboxServer.shared();
        Path dir = server.home.resolve("caddy");
        Path storage = dir.resolve("storage");
        Files.createDirectories(dir);
        Path caddyfile = dir.resolve("Caddyfile");
        Files.writeString(caddyfile, """
                {
                	admin off
                	default_bind 127.0.0.1
                	acme_ca %s
                	acme_ca_root %s
                	email ops@example.com
                	http_port %d
                	https_port %d
                	storage file_system %s
                	skip_install_trust
                	ocsp_stapling off
                }

                %s {
                	respond "ok"
                }
                """.formatted(server.directoryUrl(), server.tlsRoot(), server.http01Port, server.tlsPort, storage,
                NAME));
        Path log = dir.resolve("caddy.log");
        ProcessBuilder pb = new ProcessBuilder("caddy", "run", "--config", caddyfile.toString(), "--adapter",
                "caddyfile").directory(dir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().putAll(Map.of("HOME", dir.toString(), "XDG_DATA_HOME", dir.resolve("data").toString(),
                "XDG_CONFIG_HOME", dir.resolve("config").toString()));
        Process caddy = pb.start();
        Path certificate;
        try {
            certificate = awaitCertificate(storage, caddy, log, Duration.ofMinutes(3));
        } finally {
            caddy.destroy();
            if (!caddy.waitFor(20, TimeUnit.SECONDS)) {
                caddy.destroyForcibly().waitFor();
            }
        }
        assertEquals(List.of(NAME), Certs.dnsNames(certificate));
        Certs.assertChainVerifies(server, certificate);
    }

    /** Caddy saves certificates/<issuer>/<name>/<name>.crt (leaf and chain) once it has the whole chain. */
    private static Path awaitCertificate(Path storage, Process caddy, Path log, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<Path> found = find(storage.resolve("certificates"));
            if (found.isPresent()) {
                return found.get();
            }
            if (!caddy.isAlive()) {
                fail("caddy exited with " + caddy.exitValue() + ":\n" + Files.readString(log));
            }
            Thread.sleep(500);
        }
        fail("caddy got no certificate within " + timeout + ":\n" + Files.readString(log));
        return null;
    }

    private static Optional<Path> find(Path certificates) throws Exception {
        if (!Files.isDirectory(certificates)) {
            return Optional.empty();
        }
        try (Stream<Path> files = Files.walk(certificates)) {
            return files.filter(p -> p.getFileName().toString().equals(NAME + ".crt")).findFirst();
        }
    }
}
