package dev.inkan.app.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** uacme (Debian's uacme, libcurl), with http-01 through its hook writing into a webroot. */
@Timeout(300)
class UacmeIT {

    @Test
    void testSuccess_http01HookIssuesAChainThatVerifies() throws Exception {
        SandboxServer server = SandboxServer.shared();
        Path dir = server.home.resolve("uacme");
        Path conf = dir.resolve("conf");
        Files.createDirectories(conf);
        try (ChallengeWebroot web = new ChallengeWebroot(dir.resolve("webroot"), server.http01Port)) {
            // uacme's hook contract: METHOD TYPE IDENT TOKEN AUTH; exit 0 to take a challenge, 1 to decline one
            Path hook = dir.resolve("hook.sh");
            Files.writeString(hook, """
                    #!/bin/sh
                    [ "$2" = "http-01" ] || exit 1
                    case "$1" in
                      begin) printf '%%s' "$5" > "%1$s/$4" ;;
                      done|failed) rm -f "%1$s/$4" ;;
                    esac
                    """.formatted(web.dir));
            Files.setPosixFilePermissions(hook, PosixFilePermissions.fromString("rwx------"));

            ClientRun account = uacme(server, dir, "-c", conf.toString(), "-y", "new", "ops@example.com");
            assertEquals(0, account.exitCode(), account.describe());
            ClientRun issue = uacme(server, dir, "-c", conf.toString(), "-h", hook.toString(), "-t", "EC", "-y",
                    "issue", "uacme1.example.com", "www.uacme1.example.com");
            assertEquals(0, issue.exitCode(), issue.describe());
        }
        Path fullChain = conf.resolve("uacme1.example.com/cert.pem");
        assertEquals(List.of("uacme1.example.com", "www.uacme1.example.com"), Certs.dnsNames(fullChain));
        Certs.assertChainVerifies(server, fullChain);
    }

    /**
     * libcurl reads only the system CA bundle, with no environment override. So uacme runs in its own mount
     * namespace in which the bundle is the sandbox's TLS root: the machine's trust store is never touched.
     */
    private static ClientRun uacme(SandboxServer server, Path dir, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("unshare", "-m", "--propagation", "private", "sh", "-c",
                "url=$1; shift; mount --bind \"$0\" /etc/ssl/certs/ca-certificates.crt && exec uacme -v -a \"$url\" \"$@\"",
                server.tlsRoot().toString(), server.directoryUrl()));
        command.addAll(List.of(args));
        return ClientRun.run(dir, Map.of(), command);
    }
}
