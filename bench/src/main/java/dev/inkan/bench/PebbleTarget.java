package dev.inkan.bench;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Debian's {@code pebble} with {@code pebble-challtestsrv} as its DNS (every name answers 127.0.0.1), no
 * injected badNonce, no validation sleeps. Both processes count as the server, as the CA's in-process mock
 * DNS counts in its own.
 */
final class PebbleTarget implements Target {
    @Override
    public String name() {
        return "Pebble";
    }

    @Override
    public Running start(Path work) throws Exception {
        Path dir = work.resolve("pebble").toAbsolutePath();
        Tls.writeLocalhostCertificate(dir);
        int[] p = ServerProcess.freePorts(6);
        int acme = p[0];
        int management = p[1];
        int dns = p[2];
        int http01 = p[3];
        int tls = p[4];
        Files.writeString(dir.resolve("pebble-config.json"), """
                { "pebble": { "listenAddress": "127.0.0.1:%d", "managementListenAddress": "127.0.0.1:%d",
                  "certificate": "%s", "privateKey": "%s", "httpPort": %d, "tlsPort": %d,
                  "ocspResponderURL": "", "externalAccountBindingRequired": false } }
                """.formatted(acme, management, dir.resolve("cert.pem"), dir.resolve("key.pem"), http01, tls));
        ServerProcess challtestsrv = ServerProcess.start(List.of("pebble-challtestsrv", "-defaultIPv4", "127.0.0.1",
                "-defaultIPv6", "", "-dns01", "127.0.0.1:" + dns, "-http01", "", "-https01", "", "-tlsalpn01", "",
                "-management", "127.0.0.1:" + p[5]), Map.of(), dir.resolve("challtestsrv.log"));
        ServerProcess pebble;
        try {
            pebble = ServerProcess.start(List.of("pebble", "-config", dir.resolve("pebble-config.json").toString(),
                    "-dnsserver", "127.0.0.1:" + dns),
                    Map.of("PEBBLE_VA_NOSLEEP", "1", "PEBBLE_WFE_NONCEREJECT", "0", "PEBBLE_AUTHZREUSE", "0"),
                    dir.resolve("pebble.log"));
        } catch (Exception e) {
            challtestsrv.close();
            throw e;
        }
        URI directory = URI.create("https://localhost:" + acme + "/dir");
        try {
            pebble.awaitReady(directory, Tls.trusting(dir.resolve("root.pem")), Duration.ofSeconds(60));
        } catch (Exception e) {
            challtestsrv.close();
            throw e;
        }
        return new Started(pebble, challtestsrv, directory, dir.resolve("root.pem"), http01);
    }

    private record Started(ServerProcess pebble, ServerProcess challtestsrv, URI directory, Path trustRoot,
            int http01Port) implements Running {
        @Override
        public List<Long> pids() {
            return List.of(pebble.pid(), challtestsrv.pid());
        }

        @Override
        public void close() {
            pebble.close();
            challtestsrv.close();
        }
    }
}
