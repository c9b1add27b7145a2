package dev.inkan.app.interop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.inkan.core.model.CertificateRecord;
import dev.inkan.core.model.CertificateStatus;
import dev.inkan.core.model.Precertificate;
import dev.inkan.core.model.PrecertificateStage;
import dev.inkan.harness.ct.FakeCtLog;
import dev.inkan.harness.ct.FakeCtLogs;
import dev.inkan.harness.ct.FakeLogEntry;
import dev.inkan.storage.Storage;
import dev.inkan.storage.StorageConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.math.BigInteger;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import org.bouncycastle.asn1.x509.Certificate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.shredzone.acme4j.Account;
import org.shredzone.acme4j.AccountBuilder;
import org.shredzone.acme4j.Login;
import org.shredzone.acme4j.Order;
import org.shredzone.acme4j.Status;
import org.shredzone.acme4j.exception.AcmeNetworkException;
import org.shredzone.acme4j.util.KeyPairUtils;

/**
 * The pipeline killed at each of its steps (the process halts there, as SIGKILL would leave it) and restarted:
 * no signature without a record, no serial with two final certificates, every order valid or invalid. The CT logs
 * run in this JVM, so what they received survives the crashes and can be held against the store. Last, every log
 * down: the order ends invalid and the precertificate stays on record without a final certificate.
 */
class IssuanceCrashIT {
    private static final String[] STEPS = {"serial-reserved", "precertificate-signed", "precertificate-recorded",
        "scts-received", "final-intended", "final-signed", "issued"};

    private static Vertx vertx;
    private static FakeCtLogs logs;
    private static Path home;
    private static Path logList;

    @BeforeAll
    static void startLogs() throws Exception {
        java.security.Security.addProvider(new org.bouncycastle.jce.provider.BouncyCastleProvider());
        vertx = Vertx.vertx();
        logs = await(FakeCtLogs.start(vertx, FakeCtLogs.sandbox(), Clock.systemUTC()));
        home = Path.of(System.getProperty("inkan.itHome", "target/it-home")).toAbsolutePath()
                .resolveSibling("it-crash-home");
        SandboxServer.deleteTree(home);
        Files.createDirectories(home);
        logList = home.resolve("test-log-list.json");
        Files.writeString(logList, logs.logList().encodePrettily());
    }

    @AfterAll
    static void stopLogs() throws Exception {
        await(logs.stop());
        await(vertx.close());
    }

    private static <T> T await(Future<T> f) throws Exception {
        return f.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    }

    private static Map<String, String> env(String haltAt) {
        Map<String, String> env = new HashMap<>();
        env.put("INKAN_ISSUANCE_CT_LOG_LIST", logList.toString());
        env.put("INKAN_ISSUANCE_CT_ATTEMPTS", "2");
        env.put("INKAN_ISSUANCE_CT_BACKOFF_MILLIS", "50");
        // a restarted sandbox has nothing in flight: every order still PROCESSING was cut by the crash
        env.put("INKAN_ISSUANCE_INTERRUPTED_AFTER_SECONDS", "0");
        if (haltAt != null) {
            env.put("INKAN_TEST_HALT_AT", haltAt);
        }
        return env;
    }

    private static Status settled(SandboxServer s, URL account, KeyPair accountKey, URL orderUrl) throws Exception {
        SSLContext tls = Pem.trusting(s.tlsRoot());
        // the restarted server listens on other ports; the paths stay
        Login login = CtIT.session(s, tls).login(onPort(account, s), accountKey);
        Order order = login.bindOrder(onPort(orderUrl, s));
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            order.fetch();
            if (order.getStatus() == Status.VALID || order.getStatus() == Status.INVALID) {
                return order.getStatus();
            }
            Thread.sleep(200);
        }
        throw new AssertionError("order " + orderUrl + " is still " + order.getStatus());
    }

    private static Status notProcessing(SandboxServer s, URL account, KeyPair accountKey, URL orderUrl)
            throws Exception {
        Login login = CtIT.session(s, Pem.trusting(s.tlsRoot())).login(onPort(account, s), accountKey);
        Order order = login.bindOrder(onPort(orderUrl, s));
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            order.fetch();
            if (order.getStatus() != Status.PROCESSING) {
                return order.getStatus();
            }
            Thread.sleep(200);
        }
        throw new AssertionError("order " + orderUrl + " is still processing after the restart");
    }

    private static URL onPort(URL url, SandboxServer s) throws Exception {
        return java.net.URI.create("https://localhost:" + s.acmePort + url.getPath()).toURL();
    }

    @Test
    void testSuccess_crashAtEveryStepLeavesNoUnrecordedSignatureAndNoSecondFinalCertificate() throws Exception {
        KeyPair accountKey = KeyPairUtils.createKeyPair();
        URL account = null;
        Map<String, Status> outcomes = new LinkedHashMap<>();
        Map<String, String> orderIds = new LinkedHashMap<>();
        for (String step : STEPS) {
            SandboxServer crashing = SandboxServer.start(home, env(step));
            URL orderUrl;
            try {
                SSLContext tls = Pem.trusting(crashing.tlsRoot());
                Account a = new AccountBuilder().agreeToTermsOfService().useKeyPair(accountKey)
                        .create(CtIT.session(crashing, tls));
                account = a.getLocation();
                Order order = CtIT.readyOrder(crashing, a, "crash-" + step + ".example.com");
                orderUrl = order.getLocation();
                orderIds.put(step, orderUrl.getPath().substring(orderUrl.getPath().lastIndexOf('/') + 1));
                try {
                    order.execute(KeyPairUtils.createECKeyPair("secp256r1"));
                } catch (AcmeNetworkException e) {
                    // finalize answers at once and issues in the background; a halt at an early step can
                    // still beat the answer to the wire, as a real crash would
                }
                assertEquals(137, crashing.awaitExit(Duration.ofSeconds(60)), "halted at " + step);
            } finally {
                crashing.kill();
            }
            SandboxServer restarted = SandboxServer.start(home, env(null));
            try {
                outcomes.put(step, settled(restarted, account, accountKey, orderUrl));
            } finally {
                restarted.stop();
            }
        }
        checkStore();
        // Issue 14 finding 13: the final state a crash at each step leaves, pinned (docs/issuance.md, crash table)
        for (String step : STEPS) {
            Expected e = EXPECTED.get(step);
            Precertificate p = onlyPrecertificateOf(orderIds.get(step));
            CertificateRecord c = certificateOf(p.serial());
            assertEquals(List.of(e.order(), e.stage(), e.certificate()), List.of(outcomes.get(step), p.stage(),
                    c.status()), "after a crash at " + step);
        }
    }

    /** What a crash at a step leaves after the restart: the order, the precertificate's stage, the serial. */
    private record Expected(Status order, PrecertificateStage stage, CertificateStatus certificate) {}

    private static final Map<String, Expected> EXPECTED = Map.of(
            // nothing signed: the serial was never issued
            "serial-reserved", new Expected(Status.INVALID, PrecertificateStage.ABANDONED, CertificateStatus.FAILED),
            // signed in the HSM but never stored nor sent: nothing left the process, the serial was never issued
            "precertificate-signed", new Expected(Status.INVALID, PrecertificateStage.ABANDONED,
                    CertificateStatus.FAILED),
            // from here the precertificate is on record: an issued certificate (BR 7.1.2.9), revocable, OCSP good
            "precertificate-recorded", new Expected(Status.INVALID, PrecertificateStage.ABANDONED,
                    CertificateStatus.PRECERTIFIED),
            "scts-received", new Expected(Status.INVALID, PrecertificateStage.ABANDONED,
                    CertificateStatus.PRECERTIFIED),
            // the final certificate may have been signed: the serial is closed and never signed again
            "final-intended", new Expected(Status.INVALID, PrecertificateStage.INTERRUPTED,
                    CertificateStatus.PRECERTIFIED),
            "final-signed", new Expected(Status.INVALID, PrecertificateStage.INTERRUPTED,
                    CertificateStatus.PRECERTIFIED),
            // stored but never delivered: the order fails, the certificate stays issued (OCSP good, revocable)
            "issued", new Expected(Status.INVALID, PrecertificateStage.FINAL_ISSUED, CertificateStatus.ISSUED));

    /** One order a client placed: who placed it, and the certificate it received, if any. */
    private record Placed(URL account, KeyPair accountKey, URL order, byte[][] received) {}

    /**
     * Issue 14 finding 13: the CA killed from outside (SIGKILL) at random moments while clients issue concurrently,
     * restarted over the same store and token each time, then held against everything that left the process: every
     * certificate a client received and every (pre)certificate a CT log received must be on record, with the TBS
     * the store wrote before the HSM signed it (so no signature is unrecorded), one final certificate per serial,
     * and every order ends valid or invalid. A few kills, bounded in time.
     */
    @Test
    void testFinding13_sigkillDuringConcurrentIssuanceLeavesEverySignatureOnRecord() throws Exception {
        java.util.Random random = new java.util.Random();
        List<Placed> placed = java.util.Collections.synchronizedList(new ArrayList<>());
        int kills = 3;
        for (int round = 0; round < kills; round++) {
            SandboxServer s = SandboxServer.start(home, env(null));
            List<Thread> clients = new ArrayList<>();
            java.util.concurrent.atomic.AtomicBoolean killed = new java.util.concurrent.atomic.AtomicBoolean();
            java.util.concurrent.atomic.AtomicInteger finalizing = new java.util.concurrent.atomic.AtomicInteger();
            try {
                SSLContext tls = Pem.trusting(s.tlsRoot());
                for (int c = 0; c < 4; c++) {
                    String prefix = "kill-" + round + "-" + c;
                    Thread t = new Thread(() -> issueUntilKilled(s, tls, prefix, placed, killed, finalizing), prefix);
                    t.start();
                    clients.add(t);
                }
                // the kill falls at a random moment once issuance is under way (a loaded machine is slow to get there)
                long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
                while (finalizing.get() == 0 && System.nanoTime() < deadline) {
                    Thread.sleep(50);
                }
                assertTrue(finalizing.get() > 0, "no client reached finalize in round " + round);
                Thread.sleep(random.nextInt(4_000));
            } finally {
                killed.set(true);
                s.kill(); // Process.destroyForcibly: SIGKILL, nothing flushed, no shutdown hook
            }
            for (Thread t : clients) {
                t.join(30_000);
            }
        }
        SandboxServer restarted = SandboxServer.start(home, env(null));
        Map<String, byte[]> finals = new HashMap<>();
        try {
            for (Placed p : placed) {
                // an order the kill caught before its finalize arrived is still ready (or pending): never processing
                Status status = notProcessing(restarted, p.account(), p.accountKey(), p.order());
                assertTrue(Set.of(Status.VALID, Status.INVALID, Status.READY, Status.PENDING).contains(status),
                        p.order() + " " + status);
                byte[] der = p.received()[0];
                if (der == null && status == Status.VALID) {
                    // issued before the kill but not yet fetched: the client fetches it now
                    Login login = CtIT.session(restarted, Pem.trusting(restarted.tlsRoot()))
                            .login(onPort(p.account(), restarted), p.accountKey());
                    Order order = login.bindOrder(onPort(p.order(), restarted));
                    order.fetch();
                    der = order.getCertificate().getCertificate().getEncoded();
                }
                if (der != null) {
                    String serial = serial(der);
                    byte[] previous = finals.putIfAbsent(serial, der);
                    assertTrue(previous == null || java.util.Arrays.equals(previous, der), "two certificates for "
                            + serial);
                }
            }
        } finally {
            restarted.stop();
        }
        assertTrue(placed.size() >= kills, "clients placed orders in every round: " + placed.size());
        List<Precertificate> logged = checkStore();
        checkReceived(finals);
        System.out.printf("%d kills: %d orders placed, %d certificates held by clients, %d (pre)certificates logged%n",
                kills, placed.size(), finals.size(), logged.size());
    }

    /** One client: new orders one after another until the server is killed under it. */
    private static void issueUntilKilled(SandboxServer s, SSLContext tls, String prefix, List<Placed> placed,
            java.util.concurrent.atomic.AtomicBoolean killed, java.util.concurrent.atomic.AtomicInteger finalizing) {
        try {
            KeyPair accountKey = KeyPairUtils.createKeyPair();
            Account a = new AccountBuilder().agreeToTermsOfService().useKeyPair(accountKey)
                    .create(CtIT.session(s, tls));
            for (int n = 0; !killed.get(); n++) {
                Order order = CtIT.readyOrder(s, a, prefix + "-" + n + ".example.com");
                Placed p = new Placed(a.getLocation(), accountKey, order.getLocation(), new byte[1][]);
                placed.add(p);
                finalizing.incrementAndGet();
                order.execute(KeyPairUtils.createECKeyPair("secp256r1"));
                if (order.waitForCompletion(Duration.ofSeconds(30)) == Status.VALID) {
                    p.received()[0] = order.getCertificate().getCertificate().getEncoded();
                }
            }
        } catch (Exception e) {
            if (!killed.get()) {
                // not the kill: say why, the round's assertion fails on it
                System.err.println(prefix + ": " + e);
            }
        }
    }

    /** Every certificate a client received is the stored one, signed over the TBS recorded before signing. */
    private static void checkReceived(Map<String, byte[]> received) throws Exception {
        Storage storage = await(Storage.open(vertx, StorageConfig.embedded(home.resolve("store/inkan.mv")),
                Clock.systemUTC()));
        try {
            for (Map.Entry<String, byte[]> e : received.entrySet()) {
                CertificateRecord c = await(storage.stores().certificates().bySerial(e.getKey())).orElseThrow(
                        () -> new AssertionError("a client holds serial " + e.getKey() + ", unknown to the store"));
                assertEquals(CertificateStatus.ISSUED, c.status(), e.getKey());
                assertArrayEquals(e.getValue(), c.der(), "the certificate delivered is the one stored");
                Precertificate p = await(storage.precertificates().bySerial(e.getKey())).orElseThrow();
                assertEquals(PrecertificateStage.FINAL_ISSUED, p.stage(), e.getKey());
                assertArrayEquals(p.finalTbsDer(), Certificate.getInstance(e.getValue()).getTBSCertificate()
                        .getEncoded("DER"), "signed over the final TBS recorded before the signature");
            }
        } finally {
            await(storage.close());
        }
    }

    @Test
    void testFailure_allLogsDownEndsInvalidWithThePrecertificateNeverFollowedByACertificate() throws Exception {
        logs.logs().forEach(l -> l.knobs().setFailureRate(1.0));
        SandboxServer s = SandboxServer.start(home, env(null));
        String orderId;
        try {
            SSLContext tls = Pem.trusting(s.tlsRoot());
            Account a = new AccountBuilder().agreeToTermsOfService().useKeyPair(KeyPairUtils.createKeyPair())
                    .create(CtIT.session(s, tls));
            Order order = CtIT.order(s, a, KeyPairUtils.createECKeyPair("secp256r1"), "all-logs-down.example.com");
            assertEquals(Status.INVALID, order.waitForCompletion(Duration.ofSeconds(60)));
            String detail = order.getError().orElseThrow().getDetail().orElse("");
            assertTrue(detail.contains("CT") && detail.contains("0 verified SCT(s)"), detail);
            String path = order.getLocation().getPath();
            orderId = path.substring(path.lastIndexOf('/') + 1);
        } finally {
            logs.logs().forEach(l -> l.knobs().setFailureRate(0.0));
            s.stop();
        }
        checkStore();
        Precertificate p = onlyPrecertificateOf(orderId);
        assertEquals(PrecertificateStage.ABANDONED, p.stage());
        assertNotNull(p.precertDer(), "the precertificate was signed");
        assertNull(p.finalTbsDer(), "and never followed by a final certificate");
        assertTrue(p.error().contains("could not be logged"), p.error());
    }

    /** Opens the stopped server's store and holds it against what the logs received; returns every record. */
    private static Precertificate onlyPrecertificateOf(String orderId) throws Exception {
        Storage storage = await(Storage.open(vertx, StorageConfig.embedded(home.resolve("store/inkan.mv")),
                Clock.systemUTC()));
        try {
            List<Precertificate> found = await(storage.precertificates().byOrder(orderId));
            assertEquals(1, found.size(), found.toString());
            return found.get(0);
        } finally {
            await(storage.close());
        }
    }

    private static CertificateRecord certificateOf(String serial) throws Exception {
        Storage storage = await(Storage.open(vertx, StorageConfig.embedded(home.resolve("store/inkan.mv")),
                Clock.systemUTC()));
        try {
            return await(storage.stores().certificates().bySerial(serial)).orElseThrow();
        } finally {
            await(storage.close());
        }
    }

    private static List<Precertificate> checkStore() throws Exception {
        Storage storage = await(Storage.open(vertx, StorageConfig.embedded(home.resolve("store/inkan.mv")),
                Clock.systemUTC()));
        try {
            List<FakeLogEntry> entries = new ArrayList<>();
            for (FakeCtLog l : logs.logs()) {
                entries.addAll(l.entries());
            }
            List<Precertificate> all = new ArrayList<>();
            Map<String, byte[]> finals = new HashMap<>();
            for (FakeLogEntry e : entries) {
                String serial = serial(e.certificateDer());
                Optional<Precertificate> p = await(storage.precertificates().bySerial(serial));
                // no signature without a record: everything the logs saw was signed by a recorded serial
                assertTrue(p.isPresent(), "serial " + serial + " is in a CT log but not in the store");
                byte[] tbs = Certificate.getInstance(e.certificateDer()).getTBSCertificate().getEncoded("DER");
                if (e.precertificate()) {
                    assertArrayEquals(e.certificateDer(), p.get().precertDer(), "the logged precertificate is stored");
                    assertArrayEquals(p.get().precertTbsDer(), tbs, "signed over the TBS recorded before signing");
                } else {
                    byte[] previous = finals.putIfAbsent(serial, e.certificateDer());
                    assertTrue(previous == null || java.util.Arrays.equals(previous, e.certificateDer()),
                            "serial " + serial + " has two different final certificates");
                    CertificateRecord c = await(storage.stores().certificates().bySerial(serial)).orElseThrow();
                    assertEquals(CertificateStatus.ISSUED, c.status());
                    assertArrayEquals(e.certificateDer(), c.der());
                    assertArrayEquals(p.get().finalTbsDer(), tbs, "signed over the final TBS recorded before signing");
                }
                all.add(p.get());
            }
            for (Precertificate p : all) {
                // after the restarts no issuance is left half-way
                assertTrue(Set.of(PrecertificateStage.FINAL_ISSUED, PrecertificateStage.ABANDONED,
                        PrecertificateStage.INTERRUPTED).contains(p.stage()), p.serial() + " " + p.stage());
                CertificateRecord c = await(storage.stores().certificates().bySerial(p.serial())).orElseThrow();
                assertEquals(p.stage() == PrecertificateStage.FINAL_ISSUED, c.status() == CertificateStatus.ISSUED,
                        p.serial() + " " + p.stage() + " " + c.status());
            }
            assertTrue(await(storage.precertificates().unfinishedSince(java.time.Instant.now())).isEmpty());
            return all;
        } finally {
            await(storage.close());
        }
    }

    private static String serial(byte[] der) {
        BigInteger serial = Certificate.getInstance(der).getSerialNumber().getValue();
        return serial.toString(16);
    }
}
