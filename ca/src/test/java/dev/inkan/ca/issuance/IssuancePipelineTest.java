package dev.inkan.ca.issuance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.inkan.ca.Await;
import dev.inkan.ca.CaIds;
import dev.inkan.ca.CaUrls;
import dev.inkan.ca.CountingSigner;
import dev.inkan.ca.InMemoryAuditLog;
import dev.inkan.ca.InMemoryBlockedKeys;
import dev.inkan.ca.InMemoryCaCertificateStore;
import dev.inkan.ca.InMemoryCertificateStore;
import dev.inkan.ca.InMemoryPrecertificateStore;
import dev.inkan.ca.KeyIdentifiers;
import dev.inkan.ca.Signer;
import dev.inkan.ca.TestSctSource;
import dev.inkan.ca.TestTokens;
import dev.inkan.ca.ceremony.Ceremony;
import dev.inkan.ca.ceremony.CeremonyConfig;
import dev.inkan.ca.hsm.SoftHsmToken;
import dev.inkan.ca.hsm.TokenSigner;
import dev.inkan.ca.profile.CertificateProfile;
import dev.inkan.ca.profile.CtExtensions;
import dev.inkan.ca.profile.TbsCertificates;
import dev.inkan.core.error.CaException;
import dev.inkan.core.error.ErrorKind;
import dev.inkan.core.model.CaCertificate;
import dev.inkan.core.model.CertificateRecord;
import dev.inkan.core.model.CertificateStatus;
import dev.inkan.core.model.Precertificate;
import dev.inkan.core.model.PrecertificateStage;
import dev.inkan.core.port.CertificateAuthority.IssuanceRequest;
import dev.inkan.core.time.MutableClock;
import io.vertx.core.Vertx;
import java.math.BigInteger;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.function.UnaryOperator;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.TBSCertificate;
import org.bouncycastle.asn1.x509.Time;
import org.bouncycastle.cert.X509CertificateHolder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CT precertificate pipeline: stages, failures, the lints in front of the HSM, and crash recovery. */
class IssuancePipelineTest {
    private static final Instant CEREMONY = Instant.parse("2026-11-22T00:00:00Z");
    private static final List<String> NAMES = List.of("www.example.jp", "example.jp");

    @TempDir
    static Path dir;

    private static Vertx vertx;
    private static Signer hsm;
    private static List<CaCertificate> cas;
    private static byte[] rsaKey;

    private final InMemoryCertificateStore store = new InMemoryCertificateStore();
    private final InMemoryPrecertificateStore precerts = new InMemoryPrecertificateStore();
    private final InMemoryBlockedKeys blocked = new InMemoryBlockedKeys();
    private final InMemoryAuditLog audit = new InMemoryAuditLog();
    private final TestSctSource ct = new TestSctSource();
    private final MutableClock clock = new MutableClock(CEREMONY.plus(Duration.ofHours(1)));
    private final CountingSigner signer = new CountingSigner(hsm);

    @BeforeAll
    static void hierarchy() throws Exception {
        TestTokens.recreate("pipeline");
        vertx = Vertx.vertx();
        SoftHsmToken token = SoftHsmToken.open(TestTokens.config("pipeline"));
        cas = Await.result(new Ceremony(vertx, token, new InMemoryCaCertificateStore(), new InMemoryAuditLog(),
                CeremonyConfig.sandbox(dir), new MutableClock(CEREMONY)).run());
        hsm = Await.result(TokenSigner.load(vertx, token, CaIds.ALL));
        rsaKey = KeyPairGenerator.getInstance("RSA").generateKeyPair().getPublic().getEncoded();
    }

    @AfterAll
    static void close() {
        Await.result(vertx.close());
    }

    private IssuanceStores stores() {
        return new IssuanceStores(store, precerts, blocked, audit);
    }

    private CertificateAuthorityImpl ca(UnaryOperator<TBSCertificate> editor) {
        return new CertificateAuthorityImpl(signer, stores(), ct,
                CertificateProfile.defaults(CeremonyConfig.DEFAULT_CP_OID), cas,
                new CaUrls(CeremonyConfig.DEFAULT_BASE_URL), clock, IssuanceFaults.NONE,
                editor);
    }

    private CertificateAuthorityImpl ca() {
        return ca(UnaryOperator.identity());
    }

    private static IssuanceRequest request() {
        return new IssuanceRequest("order-1", "account-1", "dv", rsaKey, NAMES);
    }

    private Precertificate onlyPrecertificate() {
        assertEquals(1, precerts.all().size());
        return precerts.all().get(0);
    }

    @Test
    void testSuccess_precertificateIsLoggedAndTheFinalCertificateCorrespondsToIt() throws Exception {
        CertificateRecord r = Await.result(ca().issue(request()));

        Precertificate p = onlyPrecertificate();
        assertEquals(PrecertificateStage.FINAL_ISSUED, p.stage());
        assertEquals(2, signer.signatures(), "one precertificate, one final certificate");
        assertEquals(1, ct.precertificates().size());
        assertArrayEquals(p.precertDer(), ct.precertificates().get(0), "the signed precertificate went to CT");
        X509CertificateHolder precert = new X509CertificateHolder(p.precertDer());
        X509CertificateHolder cert = new X509CertificateHolder(r.der());
        assertTrue(precert.getExtension(CtExtensions.POISON).isCritical());
        assertNull(cert.getExtension(CtExtensions.POISON));
        assertArrayEquals(TbsCertificates.der(TbsCertificates.without(precert.toASN1Structure().getTBSCertificate(),
                        CtExtensions.POISON)),
                TbsCertificates.der(TbsCertificates.without(cert.toASN1Structure().getTBSCertificate(),
                        CtExtensions.SCT_LIST)));
        assertArrayEquals(p.finalTbsDer(), cert.toASN1Structure().getTBSCertificate().getEncoded("DER"));
        assertEquals(TestSctSource.SCTS.size(), p.scts().size());
        assertEquals(List.of(r.der().length), ct.finals().stream().map(b -> b.length).toList(),
                "the final certificate is submitted afterwards");
    }

    @Test
    void testFailure_allLogsDownAbandonsThePrecertificateAndKeepsTheSerialPrecertified() {
        ct.setDown(true);

        Throwable e = Await.failure(ca().issue(request()));

        CaException ce = assertInstanceOf(CaException.class, e);
        assertTrue(ce.detail().contains("0 verified SCT(s)"), ce.detail());
        Precertificate p = onlyPrecertificate();
        assertEquals(PrecertificateStage.ABANDONED, p.stage());
        assertNotNull(p.precertDer(), "the precertificate was signed and stays on record");
        assertNull(p.finalTbsDer(), "no final certificate was ever intended");
        assertTrue(p.error().contains("could not be logged"), p.error());
        assertEquals(1, signer.signatures(), "the precertificate only");
        // BR 7.1.2.9: the signed precertificate is an issued certificate for status and revocation
        assertEquals(CertificateStatus.PRECERTIFIED, Await.result(store.bySerial(p.serial())).orElseThrow().status());
        assertTrue(audit.events().stream().anyMatch(a -> a.type().equals("issuance.abandoned")));
    }

    // ---- issue 14 finding 8, BR 3.2.2.8: the RA's gate is asked right before each HSM signature ----

    @Test
    void testSuccess_caaFreshAtSigning_theGateIsAskedBeforeEachSignature() {
        List<Integer> signaturesWhenAsked = new ArrayList<>();
        IssuanceRequest gated = new IssuanceRequest("order-1", "account-1", "dv", rsaKey, NAMES, () -> {
            signaturesWhenAsked.add(signer.signatures());
            return io.vertx.core.Future.succeededFuture();
        });

        Await.result(ca().issue(gated));

        assertEquals(List.of(0, 1), signaturesWhenAsked, "before the precertificate and before the final certificate");
    }

    @Test
    void testFailure_caaFreshAtSigning_aRefusalAfterTheCtRoundStopsTheFinalSignature() {
        int[] asked = {0};
        IssuanceRequest gated = new IssuanceRequest("order-1", "account-1", "dv", rsaKey, NAMES, () -> ++asked[0] == 1
                ? io.vertx.core.Future.succeededFuture()
                : io.vertx.core.Future.failedFuture(new CaException(ErrorKind.CAA, "CAA record prevents issuance")));

        CaException e = assertInstanceOf(CaException.class, Await.failure(ca().issue(gated)));

        assertEquals(ErrorKind.CAA, e.kind());
        assertEquals(1, signer.signatures(), "the precertificate only");
        Precertificate p = onlyPrecertificate();
        assertEquals(PrecertificateStage.ABANDONED, p.stage());
        assertNull(p.finalTbsDer(), "no final certificate was intended");
    }

    // ---- issue 14 finding 7, BR 5.4.1: required audit events that cannot be written stop issuance ----

    @Test
    void testFailure_auditFailureFailsIssuance_certificateSignedNotWrittenFailsTheIssue() {
        audit.failToWrite("certificate.signed");

        CaException e = assertInstanceOf(CaException.class, Await.failure(ca().issue(request())));

        assertEquals(ErrorKind.SERVER_INTERNAL, e.kind());
        assertTrue(e.detail().contains("audit log"), e.detail());
        assertEquals(List.of(), ct.finals(), "the pipeline stopped: the final certificate was not submitted");
        // the signature is on record all the same: a crash or failure never leaves an unrecorded signature
        Precertificate p = onlyPrecertificate();
        assertEquals(CertificateStatus.ISSUED, Await.result(store.bySerial(p.serial())).orElseThrow().status());
    }

    @Test
    void testFailure_auditFailureFailsIssuance_lintFailedNotWrittenIsAnAuditFailure() {
        audit.failToWrite("lint.failed");

        CaException e = assertInstanceOf(CaException.class, Await.failure(ca(tbs -> TbsCertificates.without(tbs,
                Extension.subjectAlternativeName)).issue(request())));

        assertEquals(ErrorKind.SERVER_INTERNAL, e.kind());
        assertTrue(e.detail().contains("audit log"), e.detail());
        assertEquals(0, signer.signatures());
        assertEquals(PrecertificateStage.ABANDONED, onlyPrecertificate().stage());
    }

    @Test
    void testFailure_blockedKeyIsRefusedBeforeAnySerial() {
        Await.result(blocked.block(KeyIdentifiers.spkiSha256(rsaKey), "keyCompromise"));

        CaException e = assertInstanceOf(CaException.class, Await.failure(ca().issue(request())));

        assertEquals(ErrorKind.BAD_PUBLIC_KEY, e.kind());
        assertTrue(e.detail().contains("blocklist"), e.detail());
        assertEquals(List.of(), store.journal());
        assertEquals(0, signer.signatures());
    }

    /**
     * Issue 14 findings 11 and 2: the CA asks the same subscriber key policy as the RA, a second call of the same code,
     * so a Debian weak key (here a real one, 4096 bits, from the HARICA-official/debian-weak-keys corpus) is refused
     * in front of the HSM too, before any serial.
     */
    @Test
    void testFinding11_theCaAsksTheOneKeyPolicyAgain_debianWeakKeyRefusedBeforeAnySerial() throws Exception {
        byte[] weak;
        try (java.io.InputStream in = getClass().getResourceAsStream("debian-weak-lenny-amd64-nornd-rsa-4096-1000.pub")) {
            weak = java.util.Base64.getMimeDecoder().decode(new String(in.readAllBytes(),
                    java.nio.charset.StandardCharsets.US_ASCII).replaceAll("-----[A-Z ]+-----", ""));
        }
        CaException e = assertInstanceOf(CaException.class, Await.failure(ca().issue(
                new IssuanceRequest("order-1", "account-1", "dv", weak, NAMES))));

        assertEquals(ErrorKind.BAD_PUBLIC_KEY, e.kind());
        assertEquals(assertThrows(CaException.class, () -> dev.inkan.core.policy.SubscriberKeyRules.standard()
                .check(weak, dev.inkan.core.port.SubscriberKeyPolicy.Use.CERTIFICATE)).detail(), e.detail());
        assertTrue(e.detail().contains("Debian weak key"), e.detail());
        assertEquals(List.of(), store.journal());
        assertEquals(0, signer.signatures());
    }

    // ---- lints in front of the HSM: each bad TBS is refused with nothing signed ----

    private void assertLintBlocks(UnaryOperator<TBSCertificate> editor, String lintName) {
        CaException e = assertInstanceOf(CaException.class, Await.failure(ca(editor).issue(request())));

        assertTrue(e.detail().contains("failed pre-issuance linting") && e.detail().contains(lintName), e.detail());
        assertEquals(0, signer.signatures(), "the HSM signed nothing");
        assertTrue(store.journal().stream().noneMatch(j -> j.startsWith("markIssued")), store.journal().toString());
        Precertificate p = onlyPrecertificate();
        assertEquals(PrecertificateStage.ABANDONED, p.stage());
        assertNull(p.precertDer());
        assertEquals(CertificateStatus.FAILED, Await.result(store.bySerial(p.serial())).orElseThrow().status());
        assertTrue(audit.events().stream().anyMatch(a -> a.type().equals("lint.failed")
                && a.details().get("errors").contains(lintName)), audit.events().toString());
    }

    @Test
    void testFailure_forbiddenExtensionIsNotSigned() {
        Extension foreign = new Extension(new ASN1ObjectIdentifier("1.3.6.1.4.1.99999.1"), false,
                new byte[] {0x05, 0x00});
        assertLintBlocks(tbs -> {
            List<Extension> ext = new ArrayList<>(TbsCertificates.extensions(tbs));
            ext.add(0, foreign);
            return TbsCertificates.withExtensions(tbs, ext);
        }, "forbidden_extension");
    }

    @Test
    void testFailure_validityOneSecondOverTheCapIsNotSigned() {
        assertLintBlocks(tbs -> {
            Instant notBefore = tbs.getStartDate().getDate().toInstant();
            // 200 days counted inclusively end at notBefore + 200 d - 1 s; one second more
            Instant notAfter = notBefore.plus(Duration.ofDays(200));
            return field(tbs, 4, new DERSequence(new ASN1Encodable[] {tbs.getStartDate(),
                    new Time(Date.from(notAfter))}));
        }, "validity_within_cap");
    }

    @Test
    void testFailure_missingSubjectAltNameIsNotSigned() {
        assertLintBlocks(tbs -> TbsCertificates.without(tbs, Extension.subjectAlternativeName), "san_present");
    }

    @Test
    void testFailure_uppercaseDnsNameIsNotSigned() {
        Extension upper = new Extension(Extension.subjectAlternativeName, false, der(new GeneralNames(new GeneralName[] {
            new GeneralName(GeneralName.dNSName, "www.example.jp"), new GeneralName(GeneralName.dNSName, "Example.JP")})));
        assertLintBlocks(tbs -> TbsCertificates.replacing(tbs, Extension.subjectAlternativeName, upper),
                "dnsname_lowercase");
    }

    @Test
    void testFailure_arpaDnsNameIsNotSignedSinceSc086() {
        Extension arpa = new Extension(Extension.subjectAlternativeName, false, der(new GeneralNames(new GeneralName[] {
            new GeneralName(GeneralName.dNSName, "www.example.jp"),
            new GeneralName(GeneralName.dNSName, "4.3.2.1.in-addr.arpa")})));
        assertLintBlocks(tbs -> TbsCertificates.replacing(tbs, Extension.subjectAlternativeName, arpa),
                "dnsname_not_arpa");
    }

    @Test
    void testFailure_serialZeroIsNotSigned() {
        assertLintBlocks(tbs -> field(tbs, 1, new ASN1Integer(BigInteger.ZERO)), "serial_positive_nonzero");
    }

    @Test
    void testFailure_commonNameOutsideTheSanIsNotSigned() {
        assertLintBlocks(tbs -> field(tbs, 5, new org.bouncycastle.asn1.x500.X500Name("CN=other.example.jp")),
                "cn_in_san");
    }

    /** The TBS with field {@code index} (0 version, 1 serial, ..., 4 validity, 5 subject) replaced. */
    private static TBSCertificate field(TBSCertificate tbs, int index, ASN1Encodable value) {
        ASN1EncodableVector v = new ASN1EncodableVector();
        ASN1Sequence seq = ASN1Sequence.getInstance(tbs.toASN1Primitive());
        for (int i = 0; i < seq.size(); i++) {
            v.add(i == index ? value : seq.getObjectAt(i));
        }
        return TBSCertificate.getInstance(new DERSequence(v));
    }

    private static byte[] der(ASN1Encodable e) {
        try {
            return e.toASN1Primitive().getEncoded("DER");
        } catch (java.io.IOException x) {
            throw new IllegalStateException(x);
        }
    }

    // ---- crash recovery ----

    private Precertificate crashedAt(PrecertificateStage stage) {
        String serial = Long.toHexString(System.nanoTime()) + "abc";
        Instant before = clock.instant().minusSeconds(60);
        Await.result(store.reserve(new CertificateRecord(serial, "dv", "account-1", "order-1",
                CertificateStatus.RESERVED, new byte[] {1}, null, NAMES, "ab", before, before, before, null, null)));
        Precertificate p = new Precertificate(serial, "dv", "order-1", stage, new byte[] {1},
                stage == PrecertificateStage.TBS_RECORDED ? null : new byte[] {2}, List.of(),
                stage == PrecertificateStage.FINAL_INTENDED ? new byte[] {3} : null, null, before, before);
        precerts.put(p);
        return p;
    }

    @Test
    void testSuccess_recoveryClosesEveryHalfDoneIssuanceSoNoneCanContinue() {
        Precertificate recorded = crashedAt(PrecertificateStage.TBS_RECORDED);
        Precertificate signed = crashedAt(PrecertificateStage.SIGNED);
        Precertificate intended = crashedAt(PrecertificateStage.FINAL_INTENDED);
        Instant t = clock.instant().minusSeconds(60);
        Await.result(store.reserve(new CertificateRecord("deadbeef01", "dv", "a", "o", CertificateStatus.RESERVED,
                new byte[] {1}, null, NAMES, "ab", t, t, t, null, null)));

        List<String> closed = Await.result(new IssuanceRecovery(stores(), clock).run(clock.instant()));

        assertEquals(4, closed.size(), closed.toString());
        assertEquals(PrecertificateStage.ABANDONED, stage(recorded));
        assertEquals(PrecertificateStage.ABANDONED, stage(signed));
        assertEquals(PrecertificateStage.INTERRUPTED, stage(intended));
        for (String serial : List.of(recorded.serial(), signed.serial(), intended.serial(), "deadbeef01")) {
            assertEquals(CertificateStatus.FAILED, Await.result(store.bySerial(serial)).orElseThrow().status());
        }
        // the interrupted serial can never be moved to a second final intent
        assertTrue(Await.result(precerts.recordFinalIntent(intended.serial(), List.of(), new byte[] {4},
                clock.instant())).isEmpty());
    }

    @Test
    void testSuccess_recoveryMarksFinalIssuedWhenTheCertificateWasStoredBeforeTheStop() {
        Precertificate intended = crashedAt(PrecertificateStage.FINAL_INTENDED);
        Await.result(store.markPrecertified(intended.serial(), new byte[] {2}));
        assertTrue(Await.result(store.markIssued(intended.serial(), new byte[] {5})).isPresent());

        List<String> closed = Await.result(new IssuanceRecovery(stores(), clock).run(clock.instant()));

        assertTrue(closed.isEmpty(), closed.toString());
        assertEquals(PrecertificateStage.FINAL_ISSUED, stage(intended));
        assertEquals(CertificateStatus.ISSUED, Await.result(store.bySerial(intended.serial())).orElseThrow().status());
    }

    private PrecertificateStage stage(Precertificate p) {
        return Await.result(precerts.bySerial(p.serial())).orElseThrow().stage();
    }

}
