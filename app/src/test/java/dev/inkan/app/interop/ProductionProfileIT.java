package dev.inkan.app.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code serve} with the production profile over the sandbox defaults: the process refuses to start. */
@Timeout(120)
class ProductionProfileIT {
    @TempDir
    Path home;

    @Test
    void testFailure_productionOverSandboxDefaultsRefusesToStartAndNamesEachSetting() throws Exception {
        int[] ports = SandboxServer.freePorts(4);
        Path out = home.resolve("serve.log");
        ProcessBuilder pb = new ProcessBuilder(SandboxServer.javaBin(), "-jar", SandboxServer.jar().toString(), "serve")
                .redirectErrorStream(true).redirectOutput(out.toFile());
        pb.environment().put("INKAN_HOME", home.toString());
        pb.environment().put("INKAN_PROFILE", "production");
        // the refusal comes before anything binds; these only keep a wrong start off the shared default ports
        pb.environment().put("INKAN_ACME_LISTEN", "127.0.0.1:" + ports[0]);
        pb.environment().put("INKAN_PUBLICHTTP_LISTEN", "127.0.0.1:" + ports[1]);
        pb.environment().put("INKAN_SANDBOX_DNS", "127.0.0.1:" + ports[2]);
        pb.environment().put("INKAN_SANDBOX_MANAGEMENT", "127.0.0.1:" + ports[3]);
        Process p = pb.start();
        try {
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "serve did not stop by itself");
            String said = Files.readString(out);
            assertEquals(1, p.exitValue(), said);
            for (String setting : List.of("sandbox.harness", "issuance.ctSandboxLogs", "issuance.ctLogList",
                    "hsm.pin", "hsm.soPin", "validation.allowPrivateAddresses", "validation.http01Port",
                    "validation.tlsPort", "validation.dnssecTrustAnchors", "acme.tlsCert",
                    "vetting.registryBaseUrl", "vetting.sandboxStaff")) {
                assertTrue(said.contains(setting), setting + " not named in:\n" + said);
            }
            // nothing was created: no token, no store
            assertFalse(Files.exists(home.resolve("softhsm")), said);
            assertFalse(Files.exists(home.resolve("store")), said);
        } finally {
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void testSuccess_sandboxBannerSaysItIsTheSandbox() throws Exception {
        SandboxServer sandbox = SandboxServer.shared();
        // the banner follows the listeners opening by a moment
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        String banner = Files.readString(sandbox.log);
        while (!banner.contains("SANDBOX (profile sandbox)") && System.nanoTime() < until) {
            Thread.sleep(200);
            banner = Files.readString(sandbox.log);
        }
        assertTrue(banner.contains("SANDBOX (profile sandbox)"), banner);
    }
}
