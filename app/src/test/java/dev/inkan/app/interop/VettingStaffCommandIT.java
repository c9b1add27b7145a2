package dev.inkan.app.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code inkan staff}: the operator makes the first RA administrator on the command line, with the TOTP enrolment
 * printed once; a weak password is refused; the new administrator signs in to the console with both factors.
 */
@Timeout(300)
class VettingStaffCommandIT {
    private static SandboxServer server;

    @BeforeAll
    static void start() throws Exception {
        server = SandboxServer.shared();
    }

    @Test
    void commonlyUsedPasswordIsRefused() throws Exception {
        ClientRun run = server.commandReading("password12345!\n", "staff", "create", "--id", "weakadmin", "--roles",
                "ra-administrator");
        assertEquals(1, run.exitCode(), run.describe());
        assertTrue(run.output().contains("commonly used"), run.describe());
        assertTrue(server.command("staff", "list").output().lines().noneMatch(l -> l.startsWith("weakadmin ")));
    }

    @Test
    void passwordContainingTheLoginIsRefused() throws Exception {
        ClientRun run = server.commandReading("tanaka-hanako was here 42\n", "staff", "create", "--id", "tanaka-hanako",
                "--roles", "auditor");
        assertEquals(1, run.exitCode(), run.describe());
        assertTrue(run.output().contains("contains the login"), run.describe());
    }

    @Test
    void firstAdministratorEnrolsTotpFromThePrintedUriAndSignsIn() throws Exception {
        String password = "kanji ledger stamp 7Q";
        ClientRun run = server.commandReading(password + "\n", "staff", "create", "--id", "first-admin", "--roles",
                "ra-administrator", "--name", "最初の管理者");
        assertEquals(0, run.exitCode(), run.describe());
        String uri = OvRefusalsIT.match(run.output(), "(otpauth://totp/\\S+)");
        String secret = OvRefusalsIT.match(uri, "[?&]secret=([A-Z2-7]+)");
        assertTrue(run.output().contains("shown this once"), run.describe());
        assertTrue(server.command("staff", "list").output().contains("first-admin  最初の管理者  [\"RA_ADMINISTRATOR\"]"));

        VettingBrowser.enrolled("first-admin", secret, -1);
        VettingWebClient console = OvRefusalsIT.staff("first-admin", password);
        HttpResponse<String> staffPage = console.get("/staff");
        assertEquals(200, staffPage.statusCode(), staffPage.body());
        assertTrue(staffPage.body().contains("first-admin"), staffPage.body());
    }
}
