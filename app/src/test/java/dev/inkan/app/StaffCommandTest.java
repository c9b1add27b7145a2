package dev.inkan.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.inkan.core.model.CertificateRecord;
import dev.inkan.core.model.CertificateStatus;
import dev.inkan.core.model.RevocationReason;
import dev.inkan.core.time.MutableClock;
import dev.inkan.ra.StaffRevocation;
import dev.inkan.ra.StatusServices;
import dev.inkan.storage.Storage;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code inkan revoke} and {@code inkan renew-now}, through a running server's staff endpoint and on the store. */
class StaffCommandTest {
    private static final Instant NOW = Instant.parse("2026-12-01T00:00:00Z");

    @TempDir
    Path home;

    private final MutableClock clock = new MutableClock(NOW);
    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();

    private Settings settings() {
        return Settings.from(ConfigLoader.load(Map.of("INKAN_HOME", home.toString())));
    }

    private int run(String... args) {
        return new StaffCommand(settings(), new PrintStream(printed, true, StandardCharsets.UTF_8), clock)
                .run(args[0], java.util.Arrays.copyOfRange(args, 1, args.length));
    }

    private String output() {
        return printed.toString(StandardCharsets.UTF_8);
    }

    private static <T> T await(Future<T> f) throws Exception {
        return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    /** An issued certificate in the store of this INKAN_HOME, which is then closed. */
    private void issueInStore(String serial) throws Exception {
        Vertx vertx = Vertx.vertx();
        Storage storage = await(Storage.open(vertx, settings().storage(), clock));
        try {
            CertificateRecord r = new CertificateRecord(serial, "dv", "acct", "order", CertificateStatus.RESERVED,
                    new byte[] {1}, null, List.of("a.example.jp"), "ab", NOW, NOW.plus(Duration.ofDays(90)), NOW,
                    null, null);
            await(storage.stores().certificates().reserve(r));
            await(storage.stores().certificates().markIssued(serial, new byte[] {2}));
        } finally {
            await(storage.close());
            await(vertx.close());
        }
    }

    private CertificateRecord inStore(String serial) throws Exception {
        Vertx vertx = Vertx.vertx();
        Storage storage = await(Storage.open(vertx, settings().storage(), clock));
        try {
            return await(storage.stores().certificates().bySerial(serial)).orElseThrow();
        } finally {
            await(storage.close());
            await(vertx.close());
        }
    }

    @Test
    void testSuccess_withNoServerTheCommandRevokesInTheStore() throws Exception {
        issueInStore("1a2b3c");

        assertEquals(0, run("revoke", "--serial", "1A:2B:3C", "--reason", "keyCompromise", "--staff", "alice"), output());

        CertificateRecord r = inStore("1a2b3c");
        assertEquals(CertificateStatus.REVOKED, r.status());
        assertEquals(RevocationReason.KEY_COMPROMISE, r.revocationReason());
        assertTrue(output().contains("no server runs here"), output());
    }

    @Test
    void testFailure_revokingTwiceOrAnUnknownSerialFails() throws Exception {
        issueInStore("4d5e");
        assertEquals(0, run("revoke", "--serial", "4d5e", "--reason", "superseded"));
        assertEquals(1, run("revoke", "--serial", "4d5e", "--reason", "superseded"));
        assertTrue(output().contains("alreadyRevoked"), output());
        assertEquals(1, run("revoke", "--serial", "ffff", "--reason", "superseded"));
    }

    @Test
    void testFailure_certificateHoldAndBadArgumentsAreRefusedBeforeAnythingIsOpened() {
        assertEquals(2, run("revoke", "--serial", "4d5e", "--reason", "certificateHold"));
        assertTrue(output().contains("not a reason the Baseline Requirements allow"), output());
        assertEquals(2, run("revoke", "--reason", "superseded"));
        assertEquals(2, run("revoke", "--serial"));
        assertTrue(Files.notExists(home.resolve("store")));
    }

    @Test
    void testSuccess_withAServerTheCommandGoesThroughItsStaffEndpoint() throws Exception {
        issueInStore("7f7f");
        Vertx vertx = Vertx.vertx();
        Storage storage = await(Storage.open(vertx, settings().storage(), clock));
        StaffRevocation staff = new StaffRevocation(storage.stores().certificates(), storage.stores().audit(),
                new StatusServices(storage.blockedKeys(), storage.crlCounters(), storage.renewals(),
                        dev.inkan.core.port.CertificateEvents.NONE, null), clock);
        AdminListener admin = await(AdminListener.start(vertx, new Settings.Listener("127.0.0.1", 0), home, staff, null, null,
                ListenerLimits.from(null)));
        try {
            assertEquals(0, run("renew-now", "--serial", "7f7f", "--explanation", "https://ca.test/incident"), output());
            assertEquals(0, run("revoke", "--serial", "7f7f", "--reason", "cessationOfOperation"), output());
            assertTrue(output().contains("the server published a new CRL"), output());
            assertEquals(RevocationReason.CESSATION_OF_OPERATION,
                    await(storage.stores().certificates().bySerial("7f7f")).orElseThrow().revocationReason());
            assertTrue(await(storage.renewals().flagOf("7f7f")).isPresent());
            assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
                    Files.getPosixFilePermissions(home.resolve(AdminListener.FILE))));
        } finally {
            await(admin.stop(vertx));
            await(storage.close());
            await(vertx.close());
        }
        assertTrue(Files.notExists(home.resolve(AdminListener.FILE)));
    }

    @Test
    void testSuccess_aStaleAdminFileFallsBackToTheStore() throws Exception {
        issueInStore("8e8e");
        Files.writeString(home.resolve(AdminListener.FILE),
                "{\"url\":\"http://127.0.0.1:" + StaffCommandTest.freePort() + "\",\"token\":\"x\"}");
        assertEquals(0, run("revoke", "--serial", "8e8e", "--reason", "unspecified"), output());
        assertTrue(output().contains("working on the store directly"), output());
        assertEquals(CertificateStatus.REVOKED, inStore("8e8e").status());
    }

    @Test
    void testFailure_theStaffEndpointWantsTheToken() throws Exception {
        Vertx vertx = Vertx.vertx();
        AdminListener admin = await(AdminListener.start(vertx, new Settings.Listener("127.0.0.1", 0), home, null, null, null,
                ListenerLimits.from(null)));
        try {
            String url = new io.vertx.core.json.JsonObject(Files.readString(home.resolve(AdminListener.FILE)))
                    .getString("url");
            var r = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                            java.net.URI.create(url + "/admin/revoke"))
                    .header("Authorization", "Bearer wrong")
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"serial\":\"1\"}")).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertEquals(401, r.statusCode());
        } finally {
            await(admin.stop(vertx));
            await(vertx.close());
        }
    }

    @Test
    void testSuccess_reasonNamesAreTheRfc5280Names() {
        assertEquals(RevocationReason.AFFILIATION_CHANGED, RevocationReasons.parse("affiliationChanged"));
        assertEquals(RevocationReason.KEY_COMPROMISE, RevocationReasons.parse("KEY_COMPROMISE"));
        assertEquals("cessationOfOperation", RevocationReasons.name(RevocationReason.CESSATION_OF_OPERATION));
    }

    static int freePort() throws Exception {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
