package dev.inkan.app.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.shredzone.acme4j.Account;
import org.shredzone.acme4j.AccountBuilder;
import org.shredzone.acme4j.Order;
import org.shredzone.acme4j.Status;
import org.shredzone.acme4j.util.KeyPairUtils;

/**
 * CT logs misbehaving, through the fake logs' knobs: one slow, one returning SCTs whose signature does not verify,
 * one dating its SCTs an hour ahead, and all down. Issuance succeeds while the policy (two SCTs, two operators) can
 * still be met, fails cleanly when it cannot, and no order is left processing.
 */
@Timeout(300)
class CtFaultIT {
    private static SandboxServer server;
    private static SSLContext tls;
    private static Map<String, Scts.Log> logs;

    @BeforeAll
    static void start() throws Exception {
        java.security.Security.addProvider(new org.bouncycastle.jce.provider.BouncyCastleProvider());
        server = SandboxServer.shared();
        tls = Pem.trusting(server.tlsRoot());
        logs = Scts.logs(server.home.resolve("ct/log-list.json"));
    }

    @AfterEach
    void resetKnobs() throws Exception {
        for (Scts.Log log : logs.values()) {
            CtIT.post(log.url() + "knobs", "{\"latencyMillis\":0,\"failureRate\":0.0,\"badSignature\":false,"
                    + "\"timestampSkewMillis\":0}");
        }
    }

    /** A log whose operator runs another log too, so that the policy can do without it. */
    private static Scts.Log spareLog() {
        return logs.values().stream()
                .filter(l -> logs.values().stream().filter(o -> o.operator().equals(l.operator())).count() > 1)
                .findFirst().orElseThrow();
    }

    private static Order finalized(String name) throws Exception {
        Account account = new AccountBuilder().agreeToTermsOfService().useKeyPair(KeyPairUtils.createKeyPair())
                .create(CtIT.session(server, tls));
        Order order = CtIT.order(server, account, KeyPairUtils.createECKeyPair("secp256r1"), name);
        Status end = order.waitForCompletion(Duration.ofSeconds(120));
        assertTrue(end == Status.VALID || end == Status.INVALID, "order left " + end);
        return order;
    }

    private static List<Scts.Log> loggedBy(Order order) throws Exception {
        X509Certificate cert = order.getCertificate().getCertificate();
        return Scts.embedded(cert.getEncoded()).stream()
                .map(s -> logs.get(Base64.getEncoder().encodeToString(s.logId()))).toList();
    }

    private static void assertIssuedWithoutSctsOf(Order order, Scts.Log log) throws Exception {
        assertEquals(Status.VALID, order.getStatus(), () -> String.valueOf(order.getError().orElse(null)));
        List<Scts.Log> by = loggedBy(order);
        assertTrue(by.stream().noneMatch(l -> l == log), "an SCT of the faulty log was embedded");
        assertEquals(2, by.stream().map(Scts.Log::operator).distinct().count());
    }

    @Test
    void testSuccess_aSlowLogDelaysButDoesNotStopIssuance() throws Exception {
        CtIT.post(spareLog().url() + "knobs", "{\"latencyMillis\": 3000}");
        Order order = finalized("ct-slow.example.com");
        assertEquals(Status.VALID, order.getStatus(), () -> String.valueOf(order.getError().orElse(null)));
        assertEquals(2, loggedBy(order).stream().map(Scts.Log::operator).distinct().count());
    }

    @Test
    void testSuccess_anSctWithABadSignatureIsNotEmbedded() throws Exception {
        Scts.Log bad = spareLog();
        CtIT.post(bad.url() + "knobs", "{\"badSignature\": true}");
        assertIssuedWithoutSctsOf(finalized("ct-bad-signature.example.com"), bad);
    }

    @Test
    void testSuccess_anSctDatedInTheFutureIsNotEmbedded() throws Exception {
        Scts.Log future = spareLog();
        CtIT.post(future.url() + "knobs", "{\"timestampSkewMillis\": 3600000}");
        assertIssuedWithoutSctsOf(finalized("ct-future.example.com"), future);
    }

    @Test
    void testFailure_allLogsDownFailsTheOrderCleanly() throws Exception {
        for (Scts.Log log : logs.values()) {
            CtIT.post(log.url() + "knobs", "{\"failureRate\": 1.0}");
        }
        Order order = finalized("ct-all-down.example.com");
        assertEquals(Status.INVALID, order.getStatus());
        assertTrue(order.getError().isPresent(), "an invalid order says why");
    }
}
