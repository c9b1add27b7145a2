package dev.inkan.ca.ocsp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.inkan.ca.Await;
import dev.inkan.ca.CaIds;
import dev.inkan.ca.InMemoryAuditLog;
import dev.inkan.ca.InMemoryCaCertificateStore;
import dev.inkan.ca.InMemoryCertificateStore;
import dev.inkan.ca.InMemoryRevocations;
import dev.inkan.ca.Openssl;
import dev.inkan.ca.TestTokens;
import dev.inkan.ca.ceremony.Ceremony;
import dev.inkan.ca.ceremony.CeremonyConfig;
import dev.inkan.ca.hsm.SoftHsmToken;
import dev.inkan.ca.hsm.TokenSigner;
import dev.inkan.core.model.CaCertificate;
import dev.inkan.core.time.MutableClock;
import io.vertx.core.Vertx;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.OCSPReqBuilder;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14 finding 4: the 90-day delegated OCSP responders rotate well before they expire (30 days ahead): a new key
 * in the token, certified by the issuing CA, overlapping the old certificate; the answers are signed again by the new
 * responder and verify with openssl at times on both sides of the rotation point and after the old one expired.
 * The steps share one token and one injected clock, in order.
 */
@Timeout(300)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ResponderRotationTest {
    private static final Instant CEREMONY = Instant.parse("2026-11-22T00:00:00Z");
    /** 90-day responder: it ends at CEREMONY + 90 d - 1 s, so the rotation point is about day 60. */
    private static final Duration RENEW_BEFORE = Duration.ofDays(30);
    private static final String LABEL = "rotation";

    @TempDir
    static Path dir;

    private static final MutableClock clock = new MutableClock(CEREMONY);
    private static Vertx vertx;
    private static SoftHsmToken token;
    private static Ceremony ceremony;
    private static InMemoryCaCertificateStore caStore = new InMemoryCaCertificateStore();
    private static InMemoryAuditLog audit = new InMemoryAuditLog();
    private static List<CaCertificate> hierarchy;
    private static TokenSigner signer;
    private static OcspResponder responder;
    private static final InMemoryCertificateStore store = new InMemoryCertificateStore();
    private static final InMemoryRevocations revocations = new InMemoryRevocations(store);

    @BeforeAll
    static void ceremony() {
        TestTokens.recreate(LABEL);
        vertx = Vertx.vertx();
        token = SoftHsmToken.open(TestTokens.config(LABEL));
        ceremony = new Ceremony(vertx, token, caStore, audit, CeremonyConfig.sandbox(dir), clock);
        hierarchy = Await.result(ceremony.run());
        signer = Await.result(TokenSigner.load(vertx, token, hierarchy.stream().map(CaCertificate::keyAlias).toList()));
        responder = new OcspResponder(vertx, signer, hierarchy, store, OcspSchedule.defaults(), clock);
        revocations.issue("c0ffee", CaIds.DV, CEREMONY, CEREMONY.plus(Duration.ofDays(200)));
    }

    @AfterAll
    static void close() {
        responder.stop();
        Await.result(vertx.close());
    }

    private static Instant day(int n) {
        return CEREMONY.plus(Duration.ofDays(n));
    }

    private static X509CertificateHolder holder(CaCertificate c) throws Exception {
        return new X509CertificateHolder(c.der());
    }

    private static CaCertificate byId(String id) {
        return Await.result(caStore.byId(id)).orElseThrow();
    }

    /** Asks for serial c0ffee at the clock's time; the answer is written for openssl. */
    private static BasicOCSPResp ask(Path answer) throws Exception {
        byte[] request = new OCSPReqBuilder().addRequest(new CertificateID(
                new JcaDigestCalculatorProviderBuilder().build().get(CertificateID.HASH_SHA1),
                holder(byId(CaIds.DV)), new BigInteger("c0ffee", 16))).build().getEncoded();
        byte[] der = Await.result(responder.respond(CaIds.DV, request)).der();
        Files.write(answer, der);
        return (BasicOCSPResp) new OCSPResp(der).getResponseObject();
    }

    private static void assertOpensslVerifies(Path answer) {
        String out = Openssl.ocspAnswer(answer, dir.resolve("dv.pem"), dir.resolve("root.pem"), "0xc0ffee",
                clock.instant());
        assertTrue(out.contains("Response verify OK"), out);
        assertTrue(out.matches("(?s).*0xc0ffee: .*good.*"), out);
    }

    @Test
    @Order(1)
    void testFinding4_beforeTheRotationPointNothingRotates() throws Exception {
        clock.set(day(59));
        assertEquals(Optional.empty(), Await.result(ceremony.rotateResponder(CaIds.DV, false, RENEW_BEFORE)));
        assertEquals(CaIds.OCSP_DV, responder.responderOf(CaIds.DV));
        ask(dir.resolve("day59.der"));
        assertOpensslVerifies(dir.resolve("day59.der"));
    }

    @Test
    @Order(2)
    void testFinding4_pastTheRotationPointANewOverlappingResponderSignsTheAnswers() throws Exception {
        clock.set(day(61));
        BasicOCSPResp before = ask(dir.resolve("day61-old.der"));
        CaCertificate made = Await.result(ceremony.rotateResponder(CaIds.DV, false, RENEW_BEFORE)).orElseThrow();

        assertEquals("ocsp-dv.2", made.id());
        assertEquals(CaIds.DV, made.issuerId());
        assertTrue(token.hasKey("ocsp-dv.2"), "the new key is in the token");
        X509CertificateHolder old = holder(byId(CaIds.OCSP_DV));
        X509CertificateHolder next = holder(made);
        assertEquals(old.getSubject(), next.getSubject());
        assertFalse(old.getSubjectPublicKeyInfo().equals(next.getSubjectPublicKeyInfo()), "a new key");
        assertEquals(day(61), next.getNotBefore().toInstant());
        assertTrue(next.getNotBefore().before(old.getNotAfter()), "the two overlap");
        assertEquals(day(61).plus(Duration.ofDays(90)).minusSeconds(1), next.getNotAfter().toInstant());
        assertTrue(audit.types().contains("ceremony.ocsp-dv.2.created"), audit.types().toString());
        assertTrue(Files.exists(dir.resolve("ocsp-dv.2.pem")));

        Await.result(signer.add(made.keyAlias()));
        Await.result(responder.useResponder(byId(CaIds.DV), made));

        BasicOCSPResp after = ask(dir.resolve("day61-new.der"));
        assertEquals("ocsp-dv.2", responder.responderOf(CaIds.DV));
        assertArrayEquals(next.getEncoded(), after.getCerts()[0].getEncoded(), "signed by the new responder");
        assertFalse(before.getCerts()[0].equals(after.getCerts()[0]));
        assertOpensslVerifies(dir.resolve("day61-new.der"));
    }

    @Test
    @Order(3)
    void testFinding4_afterTheOldResponderExpiredAnswersStillVerify() throws Exception {
        clock.set(day(95));
        ask(dir.resolve("day95.der"));
        assertOpensslVerifies(dir.resolve("day95.der"));
    }

    @Test
    @Order(4)
    void testFinding4_aRestartAnswersWithTheNewestResponder() {
        List<CaCertificate> again = Await.result(ceremony.run());
        assertTrue(again.stream().anyMatch(c -> c.id().equals("ocsp-dv.2")), "the ceremony records later generations");
        OcspResponder restarted = new OcspResponder(vertx, signer, again, store, OcspSchedule.defaults(), clock);
        assertEquals("ocsp-dv.2", restarted.responderOf(CaIds.DV));
        assertEquals(CaIds.OCSP_OV, restarted.responderOf(CaIds.OV));
    }

    @Test
    @Order(5)
    void testFinding4_forcedRotationMakesTheNextGenerationAtOnce() {
        CaCertificate forced = Await.result(ceremony.rotateResponder(CaIds.OV, true, RENEW_BEFORE)).orElseThrow();
        assertEquals("ocsp-ov.2", forced.id());
        assertEquals(Optional.empty(), Await.result(ceremony.rotateResponder(CaIds.OV, false, RENEW_BEFORE)),
                "the new one is not due");
    }
}
