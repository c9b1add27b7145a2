package dev.inkan.ca.issuance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.inkan.ca.Await;
import dev.inkan.ca.CaIds;
import dev.inkan.ca.CaUrls;
import dev.inkan.ca.InMemoryAuditLog;
import dev.inkan.ca.InMemoryBlockedKeys;
import dev.inkan.ca.InMemoryCertificateStore;
import dev.inkan.ca.InMemoryPrecertificateStore;
import dev.inkan.ca.InMemoryRevocations;
import dev.inkan.ca.StatusHierarchy;
import dev.inkan.ca.TestSctSource;
import dev.inkan.ca.ceremony.CeremonyConfig;
import dev.inkan.ca.crl.CrlPublisher;
import dev.inkan.ca.crl.CrlSchedule;
import dev.inkan.ca.ocsp.OcspReply;
import dev.inkan.ca.ocsp.OcspResponder;
import dev.inkan.ca.ocsp.OcspSchedule;
import dev.inkan.ca.profile.CertificateProfile;
import dev.inkan.ca.profile.TbsCertificates;
import dev.inkan.core.error.CaException;
import dev.inkan.core.model.CertificateRecord;
import dev.inkan.core.model.CertificateStatus;
import dev.inkan.core.model.Precertificate;
import dev.inkan.core.model.PrecertificateStage;
import dev.inkan.core.model.RevocationReason;
import dev.inkan.core.port.CertificateAuthority.IssuanceRequest;
import dev.inkan.core.time.MutableClock;
import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509CRLEntry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.UnaryOperator;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.TBSCertificate;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.OCSPReqBuilder;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cert.ocsp.SingleResp;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14 finding 1 (BR 7.1.2.9 and 4.9.10; Mozilla policy §5.4): a signed precertificate is an issued
 * certificate. When issuance stops after it was signed, OCSP answers {@code good}, then {@code revoked} once it is
 * revoked, and the CRL lists it; a serial only reserved (nothing signed) stays {@code unknown} and unrevocable.
 */
class SignedPrecertificateIsIssuedTest {
    private static final Instant NOW = StatusHierarchy.CEREMONY.plus(Duration.ofHours(1));

    @TempDir
    static Path dir;

    private static StatusHierarchy hierarchy;
    private static byte[] rsaKey;

    private final MutableClock clock = new MutableClock(NOW);
    private final InMemoryCertificateStore store = new InMemoryCertificateStore();
    private final InMemoryPrecertificateStore precerts = new InMemoryPrecertificateStore();
    private final InMemoryRevocations revocations = new InMemoryRevocations(store);
    private final TestSctSource ct = new TestSctSource();
    private OcspResponder ocsp;
    private CrlPublisher crls;

    @BeforeAll
    static void create() throws Exception {
        hierarchy = StatusHierarchy.create("precertstatus", dir);
        rsaKey = KeyPairGenerator.getInstance("RSA").generateKeyPair().getPublic().getEncoded();
    }

    @AfterAll
    static void close() {
        hierarchy.close();
    }

    @AfterEach
    void stop() {
        if (ocsp != null) {
            ocsp.stop();
        }
        if (crls != null) {
            crls.stop();
        }
    }

    private CertificateAuthorityImpl ca(UnaryOperator<TBSCertificate> editor) {
        return new CertificateAuthorityImpl(hierarchy.signer(),
                new IssuanceStores(store, precerts, new InMemoryBlockedKeys(), new InMemoryAuditLog()), ct,
                CertificateProfile.defaults(CeremonyConfig.DEFAULT_CP_OID), hierarchy.certificates(),
                new CaUrls(CeremonyConfig.DEFAULT_BASE_URL), clock, IssuanceFaults.NONE,
                editor);
    }

    private Precertificate stoppedAfterThePrecertificate() {
        ct.setDown(true);
        assertInstanceOf(CaException.class, Await.failure(ca(UnaryOperator.identity()).issue(request())));
        Precertificate p = precerts.all().get(0);
        assertEquals(PrecertificateStage.ABANDONED, p.stage());
        assertNotNull(p.precertDer());
        return p;
    }

    private static IssuanceRequest request() {
        return new IssuanceRequest("order-1", "account-1", "dv", rsaKey, List.of("precert.example.jp"));
    }

    private SingleResp ask(String serial) throws Exception {
        return ((BasicOCSPResp) askWhole(serial).getResponseObject()).getResponses()[0];
    }

    private OCSPResp askWhole(String serial) throws Exception {
        if (ocsp == null) {
            ocsp = new OcspResponder(hierarchy.vertx(), hierarchy.signer(), hierarchy.certificates(), store,
                    OcspSchedule.defaults(), clock);
        }
        X509CertificateHolder issuer = new X509CertificateHolder(hierarchy.certificate(CaIds.DV).der());
        byte[] req = new OCSPReqBuilder().addRequest(new CertificateID(new JcaDigestCalculatorProviderBuilder().build()
                .get(CertificateID.HASH_SHA1), issuer, new BigInteger(serial, 16))).build().getEncoded();
        OcspReply reply = Await.result(ocsp.respond(CaIds.DV, req));
        return new OCSPResp(reply.der());
    }

    @Test
    void testSuccess_aPrecertificateWithoutCertificateIsGoodOverOcsp() throws Exception {
        Precertificate p = stoppedAfterThePrecertificate();

        CertificateRecord record = Await.result(store.bySerial(p.serial())).orElseThrow();
        assertEquals(CertificateStatus.PRECERTIFIED, record.status());
        assertTrue(record.signed(p.precertDer()), "the record keeps the signed precertificate");
        assertNull(ask(p.serial()).getCertStatus(), "good");
    }

    @Test
    void testSuccess_aRevokedPrecertificateIsRevokedOverOcspAndOnTheCrl() throws Exception {
        Precertificate p = stoppedAfterThePrecertificate();
        assertNull(ask(p.serial()).getCertStatus());

        clock.advance(Duration.ofSeconds(10));
        CertificateRecord revoked = revocations.revoke(p.serial(), RevocationReason.KEY_COMPROMISE, NOW.plusSeconds(5));
        Await.result(ocsp.certificateRevoked(revoked));

        RevokedStatus status = assertInstanceOf(RevokedStatus.class, ask(p.serial()).getCertStatus());
        assertEquals(NOW.plusSeconds(5), status.getRevocationTime().toInstant());
        crls = new CrlPublisher(hierarchy.vertx(), hierarchy.signer(), hierarchy.certificates(), revocations,
                revocations, new CaUrls(CeremonyConfig.DEFAULT_BASE_URL),
                CrlSchedule.defaults().withPollEvery(Duration.ofDays(1)), clock);
        Await.result(crls.start());
        X509CRL crl = (X509CRL) CertificateFactory.getInstance("X.509").generateCRL(
                new ByteArrayInputStream(crls.current(CaIds.DV).orElseThrow().der()));
        X509CRLEntry entry = crl.getRevokedCertificate(new BigInteger(p.serial(), 16));
        assertNotNull(entry, "the revoked precertificate is on the CRL");
        assertEquals(java.security.cert.CRLReason.KEY_COMPROMISE, entry.getRevocationReason());
    }

    @Test
    void testSuccess_aSerialOnlyReservedIsNeverIssuedOverOcspAndCannotBeRevoked() throws Exception {
        // a lint refusal: the serial was reserved, the HSM signed nothing
        assertInstanceOf(CaException.class, Await.failure(ca(tbs -> TbsCertificates.without(tbs,
                Extension.subjectAlternativeName)).issue(request())));
        Precertificate p = precerts.all().get(0);
        assertNull(p.precertDer());

        assertEquals(CertificateStatus.FAILED, Await.result(store.bySerial(p.serial())).orElseThrow().status());
        // never issued: the unsigned unauthorized answer (RFC 6960 §2.3), neither good nor a fresh HSM signature
        OCSPResp answer = askWhole(p.serial());
        assertEquals(OCSPResp.UNAUTHORIZED, answer.getStatus());
        assertNull(answer.getResponseObject());
        assertTrue(Await.result(store.revoke(p.serial(), RevocationReason.UNSPECIFIED, NOW)).isEmpty());
    }
}
