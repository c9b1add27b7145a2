package dev.inkan.app.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** acme-tiny (Debian's acme-tiny), the 200-line Python client: own CSR, http-01 through a webroot. */
@Timeout(300)
class AcmeTinyIT {
    private static final Pattern PEM = Pattern.compile(
            "-----BEGIN CERTIFICATE-----[A-Za-z0-9+/=\\s]+?-----END CERTIFICATE-----");

    @Test
    void testSuccess_http01WebrootIssuesAChainThatVerifies() throws Exception {
        SandboxServer server = SandboxServer.shared();
        Path dir = server.home.resolve("acme-tiny");
        Files.createDirectories(dir);
        run(dir, Map.of(), "openssl", "genrsa", "-out", "account.key", "2048");
        run(dir, Map.of(), "openssl", "req", "-new", "-newkey", "rsa:2048", "-nodes", "-keyout", "domain.key",
                "-subj", "/CN=tiny1.example.com", "-addext", "subjectAltName=DNS:tiny1.example.com,DNS:www.tiny1.example.com",
                "-out", "domain.csr");

        ClientRun issued;
        try (ChallengeWebroot web = new ChallengeWebroot(dir.resolve("webroot"), server.http01Port)) {
            // Python's ssl reads SSL_CERT_FILE: trust the sandbox's TLS root for this process only
            issued = ClientRun.run(dir, Map.of("SSL_CERT_FILE", server.tlsRoot().toString()), List.of("acme-tiny",
                    "--account-key", "account.key", "--csr", "domain.csr", "--acme-dir", web.dir.toString(),
                    "--directory-url", server.directoryUrl(), "--contact", "mailto:ops@example.com",
                    "--disable-check"));
        }
        assertEquals(0, issued.exitCode(), issued.describe());
        StringBuilder chain = new StringBuilder();
        Matcher m = PEM.matcher(issued.output());
        while (m.find()) {
            chain.append(m.group()).append('\n');
        }
        Path fullChain = dir.resolve("signed_chain.crt");
        Files.writeString(fullChain, chain);
        assertEquals(List.of("tiny1.example.com", "www.tiny1.example.com"), Certs.dnsNames(fullChain));
        Certs.assertChainVerifies(server, fullChain);
    }

    private static void run(Path dir, Map<String, String> env, String... command) throws Exception {
        ClientRun r = ClientRun.run(dir, env, List.of(command));
        assertEquals(0, r.exitCode(), r.describe());
    }
}
