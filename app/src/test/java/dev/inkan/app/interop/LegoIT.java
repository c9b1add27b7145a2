package dev.inkan.app.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/** lego, the real client: http-01, dns-01 through its exec provider, then renew. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LegoIT {
    private static SandboxServer server;
    private static Path dir;

    @BeforeAll
    static void start() throws Exception {
        server = SandboxServer.shared();
        dir = server.home.resolve("lego");
        Files.createDirectories(dir);
        Path hook = dir.resolve("exec-hook.sh");
        // lego's exec provider calls: <script> present|cleanup <fqdn.> <value>
        Files.writeString(hook, """
                #!/bin/sh
                set -e
                case "$1" in
                  present) curl -sf -X POST -d "{\\"host\\":\\"$2\\",\\"value\\":\\"$3\\"}" "$MGMT/set-txt" ;;
                  cleanup) curl -sf -X POST -d "{\\"host\\":\\"$2\\"}" "$MGMT/clear-txt" ;;
                esac
                """);
        Files.setPosixFilePermissions(hook, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private static ClientRun lego(Map<String, String> extraEnv, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("lego", "--server", server.directoryUrl(), "--accept-tos",
                "--email", "ops@example.com", "--path", dir.resolve("data").toString(), "--key-type", "ec256"));
        cmd.addAll(List.of(args));
        Map<String, String> env = new HashMap<>(extraEnv);
        env.put("LEGO_CA_CERTIFICATES", server.tlsRoot().toString());
        env.put("MGMT", server.managementUrl());
        return ClientRun.run(dir, env, cmd);
    }

    private static Map<String, String> execEnv() {
        return Map.of("EXEC_PATH", dir.resolve("exec-hook.sh").toString(), "EXEC_SEQUENCE_INTERVAL", "1",
                "EXEC_POLLING_INTERVAL", "1", "EXEC_PROPAGATION_TIMEOUT", "30");
    }

    private static Path cert(String name) {
        return dir.resolve("data/certificates").resolve(name.replace("*", "_") + ".crt");
    }

    @Test
    @Order(1)
    void testSuccess_http01IssuesForTwoNames() throws Exception {
        ClientRun run = lego(Map.of(), "--domains", "lego1.example.com", "--domains", "www.lego1.example.com",
                "--http", "--http.port", "127.0.0.1:" + server.http01Port, "run");
        assertEquals(0, run.exitCode(), run.describe());
        assertEquals(List.of("lego1.example.com", "www.lego1.example.com"), Certs.dnsNames(cert("lego1.example.com")));
        Certs.assertVerifies(server, cert("lego1.example.com"), "dv.pem");
        Scts.assertFromTwoOperatorsAndVerifying(server, Pem.certificates(cert("lego1.example.com")).get(0));
    }

    @Test
    @Order(2)
    void testSuccess_dns01ExecProviderIssuesForNameAndWildcard() throws Exception {
        ClientRun run = lego(execEnv(), "--domains", "lego2.example.com", "--domains", "*.lego2.example.com",
                "--dns", "exec", "--dns.resolvers", "127.0.0.1:" + server.dnsPort, "--dns.disable-cp", "run");
        assertEquals(0, run.exitCode(), run.describe());
        assertEquals(List.of("*.lego2.example.com", "lego2.example.com"), Certs.dnsNames(cert("lego2.example.com")));
        Certs.assertVerifies(server, cert("lego2.example.com"), "dv.pem");
    }

    @Test
    @Order(3)
    void testSuccess_renewReplacesTheCertificate() throws Exception {
        var before = Pem.certificates(cert("lego1.example.com")).get(0).getSerialNumber();
        ClientRun run = lego(Map.of(), "--domains", "lego1.example.com", "--domains", "www.lego1.example.com",
                "--http", "--http.port", "127.0.0.1:" + server.http01Port, "renew", "--days", "400", "--no-random-sleep");
        assertEquals(0, run.exitCode(), run.describe());
        assertNotEquals(before, Pem.certificates(cert("lego1.example.com")).get(0).getSerialNumber());
        Certs.assertVerifies(server, cert("lego1.example.com"), "dv.pem");
    }
}
