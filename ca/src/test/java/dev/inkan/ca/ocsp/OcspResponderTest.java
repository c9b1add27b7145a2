package dev.inkan.ca.ocsp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.inkan.ca.Await;
import dev.inkan.ca.CaIds;
import dev.inkan.ca.CountingSigner;
import dev.inkan.ca.InMemoryCertificateStore;
import dev.inkan.ca.InMemoryRevocations;
import dev.inkan.ca.Openssl;
import dev.inkan.ca.StatusHierarchy;
import dev.inkan.core.model.CertificateRecord;
import dev.inkan.core.model.RevocationReason;
import dev.inkan.core.model.RevokedEntry;
import dev.inkan.core.time.MutableClock;
import io.vertx.core.Future;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.stream.IntStream;
import org.bouncycastle.asn1.ocsp.OCSPResponseStatus;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.OCSPReqBuilder;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cert.ocsp.SingleResp;
import org.bouncycastle.operator.DigestCalculator;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OcspResponderTest {
    private static final Instant NOW = StatusHierarchy.CEREMONY.plus(Duration.ofDays(1));
    private static final OcspSchedule SCHEDULE = OcspSchedule.defaults();

    @TempDir
    static Path dir;

    private static StatusHierarchy ca;

    private final MutableClock clock = new MutableClock(NOW);
    private final InMemoryCertificateStore store = new InMemoryCertificateStore();
    private final InMemoryRevocations revocations = new InMemoryRevocations(store);
    private CountingSigner signer;
    private OcspResponder responder;

    @BeforeAll
    static void hierarchy() {
        ca = StatusHierarchy.create("ocsp", dir);
    }

    @AfterAll
    static void close() {
        ca.close();
    }

    private OcspResponder responder() {
        signer = new CountingSigner(ca.signer());
        responder = new OcspResponder(ca.vertx(), signer, ca.certificates(), store, SCHEDULE, clock);
        return responder;
    }

    @AfterEach
    void stop() {
        if (responder != null) {
            responder.stop();
        }
    }

    private static X509CertificateHolder holder(String id) throws Exception {
        return new X509CertificateHolder(ca.certificate(id).der());
    }

    private static byte[] request(X509CertificateHolder issuer, String serial, DigestCalculatorChoice digest)
            throws Exception {
        DigestCalculator calc = new JcaDigestCalculatorProviderBuilder().build().get(digest.id);
        return new OCSPReqBuilder().addRequest(new CertificateID(calc, issuer, new BigInteger(serial, 16)))
                .build().getEncoded();
    }

    enum DigestCalculatorChoice {
        SHA1(CertificateID.HASH_SHA1),
        SHA256(new org.bouncycastle.asn1.x509.AlgorithmIdentifier(
                org.bouncycastle.asn1.nist.NISTObjectIdentifiers.id_sha256));

        final org.bouncycastle.asn1.x509.AlgorithmIdentifier id;

        DigestCalculatorChoice(org.bouncycastle.asn1.x509.AlgorithmIdentifier id) {
            this.id = id;
        }
    }

    private SingleResp ask(String caId, String serial) throws Exception {
        return ask(caId, serial, DigestCalculatorChoice.SHA1);
    }

    private SingleResp ask(String caId, String serial, DigestCalculatorChoice digest) throws Exception {
        OcspReply reply = Await.result(responder.respond(caId, request(holder(caId), serial, digest)));
        OCSPResp resp = new OCSPResp(reply.der());
        assertEquals(OCSPResponseStatus.SUCCESSFUL, resp.getStatus());
        BasicOCSPResp basic = (BasicOCSPResp) resp.getResponseObject();
        X509CertificateHolder responderCert = basic.getCerts()[0];
        assertEquals(holder(CaIds.ocspResponderOf(caId)), responderCert);
        assertTrue(basic.isSignatureValid(new JcaContentVerifierProviderBuilder().build(responderCert)));
        assertEquals(1, basic.getResponses().length);
        return basic.getResponses()[0];
    }

    private CertificateRecord issued(String serial, String issuerId) {
        return revocations.issue(serial, issuerId, NOW, NOW.plus(Duration.ofDays(90)));
    }

    @Test
    void testSuccess_anIssuedCertificateIsGoodForFourDays() throws Exception {
        responder();
        issued("1a2b", CaIds.DV);
        SingleResp r = ask(CaIds.DV, "1a2b");
        assertNull(r.getCertStatus());
        assertEquals(NOW, r.getThisUpdate().toInstant());
        assertEquals(NOW.plus(Duration.ofDays(4)), r.getNextUpdate().toInstant());
        assertFalse(r.hasExtensions());
    }

    @Test
    void testSuccess_aRevocationIsAnsweredAtOnceWithTimeAndReason() throws Exception {
        responder();
        CertificateRecord c = issued("3c4d", CaIds.DV);
        Await.result(responder.certificateIssued(c));
        assertNull(ask(CaIds.DV, "3c4d").getCertStatus());

        Instant at = NOW.plusSeconds(30);
        CertificateRecord revoked = revocations.revoke("3c4d", RevocationReason.KEY_COMPROMISE, at);
        Await.result(responder.certificateRevoked(revoked));

        RevokedStatus status = assertInstanceOf(RevokedStatus.class, ask(CaIds.DV, "3c4d").getCertStatus());
        assertEquals(at, status.getRevocationTime().toInstant());
        assertEquals(CRLReason.keyCompromise, status.getRevocationReason());
    }

    @Test
    void testSuccess_anUnspecifiedRevocationCarriesNoReason() throws Exception {
        responder();
        issued("5e", CaIds.OV);
        Await.result(responder.certificateRevoked(revocations.revoke("5e", RevocationReason.UNSPECIFIED, NOW)));
        RevokedStatus status = assertInstanceOf(RevokedStatus.class, ask(CaIds.OV, "5e").getCertStatus());
        assertFalse(status.hasRevocationReason());
    }

    private int statusOf(String caId, String serial) throws Exception {
        OcspReply reply = Await.result(responder.respond(caId, request(holder(caId), serial, DigestCalculatorChoice.SHA1)));
        assertFalse(reply.signed() && new OCSPResp(reply.der()).getStatus() != OCSPResponseStatus.SUCCESSFUL);
        return new OCSPResp(reply.der()).getStatus();
    }

    @Test
    void testSuccess_aSerialNeverIssuedOrOfTheOtherCaIsUnauthorizedAndUnsigned() throws Exception {
        responder();
        issued("77", CaIds.OV);
        assertEquals(OCSPResponseStatus.UNAUTHORIZED, statusOf(CaIds.DV, "abcdef"));
        assertEquals(OCSPResponseStatus.UNAUTHORIZED, statusOf(CaIds.DV, "77"));
        assertEquals(0, signer.signatures());
        assertEquals(0, responder.cachedAnswers());
    }

    @Test
    void testSuccess_aRandomSerialFloodCostsNoSignatureAndEvictsNoRealAnswer() throws Exception {
        OcspSchedule small = new OcspSchedule(SCHEDULE.validity(), SCHEDULE.refreshAfter(), SCHEDULE.refreshEvery(), 8);
        signer = new CountingSigner(ca.signer());
        responder = new OcspResponder(ca.vertx(), signer, ca.certificates(), store, small, clock);
        CertificateRecord real = issued("5eed", CaIds.DV);
        Await.result(responder.certificateIssued(real));
        int presigned = signer.signatures();
        int cached = responder.cachedAnswers();
        java.util.Random random = new java.util.Random(15);
        for (int i = 0; i < 50 * small.maxCached(); i++) {
            String serial = new BigInteger(127, random).setBit(0).toString(16);
            assertEquals(OCSPResponseStatus.UNAUTHORIZED, statusOf(CaIds.DV, serial));
        }
        assertEquals(presigned, signer.signatures());
        assertEquals(cached, responder.cachedAnswers());
        assertNull(ask(CaIds.DV, "5eed").getCertStatus());
        assertEquals(presigned, signer.signatures(), "the real answer came from the cache");
        assertEquals(1, responder.understoodRequests(), "only the request that led to an answer is held parsed");
    }

    @Test
    void testSuccess_aRequestHeldParsedIsAnsweredRevokedAfterTheRevocation() throws Exception {
        responder();
        CertificateRecord c = issued("4e4e", CaIds.DV);
        Await.result(responder.certificateIssued(c));
        assertNull(ask(CaIds.DV, "4e4e").getCertStatus());
        assertNull(ask(CaIds.DV, "4e4e").getCertStatus());
        assertEquals(1, responder.understoodRequests());

        Await.result(responder.certificateRevoked(revocations.revoke("4e4e", RevocationReason.SUPERSEDED, NOW)));

        RevokedStatus status = assertInstanceOf(RevokedStatus.class, ask(CaIds.DV, "4e4e").getCertStatus());
        assertEquals(CRLReason.superseded, status.getRevocationReason());
    }

    @Test
    void testFailure_anotherIssuerIsUnauthorizedAndGarbageIsMalformed() throws Exception {
        responder();
        KeyPair key = KeyPairGenerator.getInstance("RSA").generateKeyPair();
        X500Name name = new X500Name("CN=Somebody Else's CA");
        X509CertificateHolder stranger = new X509v3CertificateBuilder(name, BigInteger.ONE, Date.from(NOW),
                Date.from(NOW.plus(Duration.ofDays(9))), name, SubjectPublicKeyInfo.getInstance(key.getPublic().getEncoded()))
                .build(new JcaContentSignerBuilder("SHA256withRSA").build(key.getPrivate()));

        byte[] foreign = request(stranger, "1", DigestCalculatorChoice.SHA1);
        assertEquals(OCSPResponseStatus.UNAUTHORIZED, new OCSPResp(Await.result(responder.respond(CaIds.DV, foreign)).der()).getStatus());
        byte[] ovAtDv = request(holder(CaIds.OV), "1", DigestCalculatorChoice.SHA1);
        assertEquals(OCSPResponseStatus.UNAUTHORIZED, new OCSPResp(Await.result(responder.respond(CaIds.DV, ovAtDv)).der()).getStatus());
        OcspReply garbage = Await.result(responder.respond(CaIds.DV, new byte[] {0x30, 0x03, 1, 2, 3}));
        assertEquals(OCSPResponseStatus.MALFORMED_REQUEST, new OCSPResp(garbage.der()).getStatus());
        assertFalse(garbage.signed());
        assertEquals(0, signer.signatures());
    }

    @Test
    void testSuccess_aSha256CertIdIsAnsweredWithTheSameCertId() throws Exception {
        responder();
        issued("99", CaIds.DV);
        SingleResp r = ask(CaIds.DV, "99", DigestCalculatorChoice.SHA256);
        assertEquals(DigestCalculatorChoice.SHA256.id.getAlgorithm(), r.getCertID().getHashAlgOID());
        assertNull(r.getCertStatus());
    }

    @Test
    void testSuccess_aBurstOfRequestsCostsNoHsmOperation() throws Exception {
        responder();
        Await.result(responder.certificateIssued(issued("b0b", CaIds.DV)));
        int presigned = signer.signatures();
        byte[] req = request(holder(CaIds.DV), "b0b", DigestCalculatorChoice.SHA1);

        List<Future<OcspReply>> burst = IntStream.range(0, 200).mapToObj(i -> responder.respond(CaIds.DV, req)).toList();
        byte[] first = Await.result(burst.get(0)).der();
        burst.forEach(f -> assertArrayEquals(first, Await.result(f).der()));

        assertEquals(1, presigned);
        assertEquals(presigned, signer.signatures());
    }

    @Test
    void testSuccess_simultaneousFirstRequestsShareOneSignature() throws Exception {
        responder();
        issued("c0c", CaIds.DV);
        byte[] req = request(holder(CaIds.DV), "c0c", DigestCalculatorChoice.SHA1);
        List<Future<OcspReply>> burst = IntStream.range(0, 50).mapToObj(i -> responder.respond(CaIds.DV, req)).toList();
        burst.forEach(Await::result);
        assertEquals(1, signer.signatures());
    }

    @Test
    void testSuccess_anAnswerIsSignedAgainAfterTwoDaysWhileTheOldOneIsServed() throws Exception {
        responder();
        Await.result(responder.certificateIssued(issued("d0d", CaIds.DV)));
        clock.advance(Duration.ofDays(2).plusMinutes(1));

        assertEquals(NOW, ask(CaIds.DV, "d0d").getThisUpdate().toInstant());
        Instant refreshed = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        Instant seen = NOW;
        while (!seen.equals(refreshed) && System.nanoTime() < deadline) {
            Thread.sleep(20);
            seen = ask(CaIds.DV, "d0d").getThisUpdate().toInstant();
        }
        assertEquals(refreshed, seen);
        assertEquals(2, signer.signatures());
    }

    @Test
    void testSuccess_theRefreshPassSignsAgainOnlyWhatIsTwoDaysOld() throws Exception {
        responder();
        Await.result(responder.certificateIssued(issued("a1", CaIds.DV)));
        clock.advance(Duration.ofDays(1));
        Await.result(responder.certificateIssued(issued("a2", CaIds.DV)));
        clock.advance(Duration.ofDays(1));

        Await.result(responder.refresh());

        assertEquals(3, signer.signatures());
        assertEquals(clock.instant(), ask(CaIds.DV, "a1").getThisUpdate().toInstant());
        assertEquals(NOW.plus(Duration.ofDays(1)), ask(CaIds.DV, "a2").getThisUpdate().toInstant());
    }

    @Test
    void testSuccess_aRevocationSeenOnlyOnTheCrlIsReconciled() throws Exception {
        responder();
        Await.result(responder.certificateIssued(issued("e0e", CaIds.OV)));
        CertificateRecord r = revocations.revoke("e0e", RevocationReason.SUPERSEDED, NOW);
        assertNull(ask(CaIds.OV, "e0e").getCertStatus(), "still the cached answer");

        Await.result(responder.reconcile(CaIds.OV,
                List.of(new RevokedEntry(r.serial(), r.revokedAt(), r.revocationReason(), r.notAfter()))));

        assertInstanceOf(RevokedStatus.class, ask(CaIds.OV, "e0e").getCertStatus());
    }

    @Test
    void testSuccess_opensslVerifiesTheAnswerAgainstTheCaCertificates() throws Exception {
        responder();
        issued("f00d", CaIds.DV);
        Path answer = dir.resolve("answer.der");
        Files.write(answer, Await.result(responder.respond(CaIds.DV,
                request(holder(CaIds.DV), "f00d", DigestCalculatorChoice.SHA1))).der());
        String out = Openssl.run(List.of("openssl", "ocsp", "-respin", answer.toString(), "-issuer",
                dir.resolve("dv.pem").toString(), "-serial", "0xf00d", "-CAfile", dir.resolve("root.pem").toString(),
                "-verify_other", dir.resolve("dv.pem").toString(), "-no_nonce",
                "-attime", Long.toString(clock.instant().getEpochSecond())));
        assertTrue(out.contains("Response verify OK"), out);
        assertTrue(out.matches("(?s).*0xf00d: .*good.*"), out);
    }
}
