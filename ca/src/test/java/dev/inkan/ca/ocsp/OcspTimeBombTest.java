package dev.inkan.ca.ocsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.inkan.ca.Await;
import dev.inkan.ca.CaIds;
import dev.inkan.ca.InMemoryCertificateStore;
import dev.inkan.ca.InMemoryRevocations;
import dev.inkan.ca.Openssl;
import dev.inkan.ca.StatusHierarchy;
import dev.inkan.core.time.MutableClock;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.OCSPReqBuilder;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.SingleResp;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14 finding 12: a certificate test gives the same result on any date. This hierarchy was made in 2025, so its
 * 90-day responder certificate has long expired on the machine's clock; everything is checked at the test's
 * injected instant instead: openssl with {@code -attime}, the answer's times against the test clock.
 */
class OcspTimeBombTest {
    private static final Instant CEREMONY = Instant.parse("2025-01-06T00:00:00Z");
    private static final Instant NOW = CEREMONY.plus(Duration.ofDays(3));

    @TempDir
    static Path dir;

    private static StatusHierarchy ca;

    @BeforeAll
    static void hierarchy() {
        ca = StatusHierarchy.create("timebomb", dir, CEREMONY);
    }

    @AfterAll
    static void close() {
        ca.close();
    }

    @Test
    void testSuccess_timeBombs_anAnswerMadeAtTheInjectedInstantVerifiesAtThatInstant() throws Exception {
        MutableClock clock = new MutableClock(NOW);
        InMemoryCertificateStore store = new InMemoryCertificateStore();
        new InMemoryRevocations(store).issue("c0ffee", CaIds.DV, NOW, NOW.plus(Duration.ofDays(90)));
        OcspResponder responder = new OcspResponder(ca.vertx(), ca.signer(), ca.certificates(), store,
                OcspSchedule.defaults(), clock);
        X509CertificateHolder issuer = new X509CertificateHolder(ca.certificate(CaIds.DV).der());
        byte[] request = new OCSPReqBuilder().addRequest(new CertificateID(new JcaDigestCalculatorProviderBuilder()
                .build().get(CertificateID.HASH_SHA1), issuer, new BigInteger("c0ffee", 16))).build().getEncoded();
        byte[] der = Await.result(responder.respond(CaIds.DV, request)).der();
        Path answer = dir.resolve("answer.der");
        Files.write(answer, der);

        String out = Openssl.ocspAnswer(answer, dir.resolve("dv.pem"), dir.resolve("root.pem"), "0xc0ffee", NOW);

        assertTrue(out.contains("Response verify OK"), out);
        assertTrue(out.contains("0xc0ffee: ") && out.contains("good"), out);
        // openssl checks thisUpdate/nextUpdate only against the machine's clock; they are checked here instead
        SingleResp single = ((BasicOCSPResp) new OCSPResp(der).getResponseObject()).getResponses()[0];
        assertEquals(NOW, single.getThisUpdate().toInstant());
        assertTrue(single.getNextUpdate().toInstant().isAfter(NOW));
    }
}
