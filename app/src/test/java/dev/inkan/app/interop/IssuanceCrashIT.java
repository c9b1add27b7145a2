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

    private static URL onPort(URL url, SandboxServer s) throws Exception {
        return java.net.URI.create("https://localhost:" + s.acmePort + url.getPath()).toURL();
    }

    @Test
    void testSuccess_crashAtEveryStepLeavesNoUnrecordedSignatureAndNoSecondFinalCertificate() throws Exception {
        KeyPair accountKey = KeyPairUtils.createKeyPair();
        URL account = null;
        Map<String, Status> outcomes = new LinkedHashMap<>();
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
        assertEquals(Status.INVALID, outcomes.get("serial-reserved"), outcomes.toString());
        assertEquals(Status.INVALID, outcomes.get("final-signed"), outcomes.toString());

        checkStore();
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
                if (e.precertificate()) {
                    assertArrayEquals(e.certificateDer(), p.get().precertDer(), "the logged precertificate is stored");
                } else {
                    byte[] previous = finals.putIfAbsent(serial, e.certificateDer());
                    assertTrue(previous == null || java.util.Arrays.equals(previous, e.certificateDer()),
                            "serial " + serial + " has two different final certificates");
                    CertificateRecord c = await(storage.stores().certificates().bySerial(serial)).orElseThrow();
                    assertEquals(CertificateStatus.ISSUED, c.status());
                    assertArrayEquals(e.certificateDer(), c.der());
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
