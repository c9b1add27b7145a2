package dev.inkan.ca.issuance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.inkan.ca.Await;
import dev.inkan.ca.CaIds;
import dev.inkan.ca.InMemoryAuditLog;
import dev.inkan.ca.InMemoryBlockedKeys;
import dev.inkan.ca.InMemoryPrecertificateStore;
import dev.inkan.ca.TestSctSource;
import dev.inkan.ca.InMemoryCaCertificateStore;
import dev.inkan.ca.InMemoryCertificateStore;
import dev.inkan.ca.Openssl;
import dev.inkan.ca.SignatureAlgorithm;
import dev.inkan.ca.Signer;
import dev.inkan.ca.TestTokens;
import dev.inkan.ca.ceremony.Ceremony;
import dev.inkan.ca.ceremony.CeremonyConfig;
import dev.inkan.ca.hsm.SoftHsmToken;
import dev.inkan.ca.hsm.TokenSigner;
import dev.inkan.ca.profile.CertificateProfile;
import dev.inkan.core.vetting.OrganizationSubject;
import dev.inkan.core.error.CaException;
import dev.inkan.core.error.ErrorKind;
import dev.inkan.core.model.CaCertificate;
import dev.inkan.core.model.CertificateRecord;
import dev.inkan.core.model.CertificateStatus;
import dev.inkan.core.port.CertificateAuthority.IssuanceRequest;
import dev.inkan.core.time.MutableClock;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.CertificatePolicies;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.PolicyInformation;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.cert.X509CertificateHolder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CertificateAuthorityImplTest {
    private static final Instant CEREMONY = Instant.parse("2026-11-22T00:00:00Z");
    private static final String CP = CeremonyConfig.DEFAULT_CP_OID;
    private static final String BASE = CeremonyConfig.DEFAULT_BASE_URL;
    private static final List<String> NAMES = List.of("www.example.jp", "example.jp");
    private static final OrganizationSubject ORG =
            new OrganizationSubject("JP", "Tokyo", "Chiyoda-ku", "Example K.K.");

    @TempDir
    static Path dir;

    private static Vertx vertx;
    private static Signer signer;
    private static List<CaCertificate> cas;
    private static byte[] rsaKey;
    private static byte[] ecKey;

    private final InMemoryCertificateStore store = new InMemoryCertificateStore();
    private final InMemoryPrecertificateStore precerts = new InMemoryPrecertificateStore();
    private final TestSctSource ct = new TestSctSource();
    private final MutableClock clock = new MutableClock(CEREMONY.plus(Duration.ofHours(1)));

    @BeforeAll
    static void hierarchy() throws Exception {
        TestTokens.recreate("issuance");
        vertx = Vertx.vertx();
        SoftHsmToken token = SoftHsmToken.open(TestTokens.config("issuance"));
        cas = Await.result(new Ceremony(vertx, token, new InMemoryCaCertificateStore(), new InMemoryAuditLog(),
                CeremonyConfig.sandbox(dir), new MutableClock(CEREMONY)).run());
        signer = Await.result(TokenSigner.load(vertx, token, CaIds.ALL));
        rsaKey = KeyPairGenerator.getInstance("RSA").generateKeyPair().getPublic().getEncoded();
        KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
        ec.initialize(new ECGenParameterSpec("secp256r1"));
        ecKey = ec.generateKeyPair().getPublic().getEncoded();
    }

    @AfterAll
    static void close() {
        Await.result(vertx.close());
    }

    private CertificateAuthorityImpl ca(Signer s, List<CertificateProfile> profiles) {
        return ca(s, profiles, new dev.inkan.ca.CaUrls(BASE));
    }

    private CertificateAuthorityImpl ca(Signer s, List<CertificateProfile> profiles, dev.inkan.ca.CaUrls urls) {
        return new CertificateAuthorityImpl(s, new IssuanceStores(store, precerts, new InMemoryBlockedKeys(),
                new InMemoryAuditLog()), ct, profiles, cas, urls,
                clock);
    }

    private CertificateAuthorityImpl ca() {
        return ca(signer, CertificateProfile.defaults(CP));
    }

    private static IssuanceRequest request(String profile, byte[] key) {
        return new IssuanceRequest("order-1", "account-1", profile, key, NAMES);
    }

    private static X509CertificateHolder holder(CertificateRecord r) throws Exception {
        return new X509CertificateHolder(r.der());
    }

    private static X509CertificateHolder ca(String id) throws Exception {
        return new X509CertificateHolder(cas.stream().filter(c -> c.id().equals(id)).findFirst().orElseThrow().der());
    }

    private String opensslVerify(CertificateRecord r, String issuerId) throws Exception {
        Path leaf = dir.resolve(r.serial() + ".pem");
        Files.writeString(leaf, "-----BEGIN CERTIFICATE-----\n" + Base64.getMimeEncoder().encodeToString(r.der())
                + "\n-----END CERTIFICATE-----\n");
        return Openssl.verify(dir.resolve("root.pem"), dir.resolve(issuerId + ".pem"), leaf,
                clock.instant().plusSeconds(60), "sslserver");
    }

    @Test
    void testSuccess_dvLeafForTwoNamesVerifiesWithOpenssl() throws Exception {
        CertificateRecord r = Await.result(ca().issue(request("dv", rsaKey)));

        assertEquals(CertificateStatus.ISSUED, r.status());
        assertEquals(NAMES, r.dnsNames());
        assertEquals(CaIds.DV, r.issuerId());
        assertTrue(opensslVerify(r, CaIds.DV).endsWith(": OK"), opensslVerify(r, CaIds.DV));
    }

    @Test
    void testSuccess_dvLeafCarriesTheSubscriberProfile() throws Exception {
        X509CertificateHolder leaf = holder(Await.result(ca().issue(request("dv", rsaKey))));
        X509CertificateHolder dv = ca(CaIds.DV);

        assertEquals(dv.getSubject(), leaf.getIssuer());
        RDN[] subject = leaf.getSubject().getRDNs();
        assertEquals(1, subject.length, "DV: CN only");
        assertEquals(BCStyle.CN, subject[0].getFirst().getType());
        assertEquals("www.example.jp", IETFUtils.valueToString(subject[0].getFirst().getValue()));

        Extension ku = leaf.getExtension(Extension.keyUsage);
        assertTrue(ku.isCritical());
        assertEquals(new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment),
                KeyUsage.getInstance(ku.getParsedValue()));
        Extension eku = leaf.getExtension(Extension.extendedKeyUsage);
        assertFalse(eku.isCritical());
        assertArrayEquals(new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth},
                ExtendedKeyUsage.getInstance(eku.getParsedValue()).getUsages());
        Extension bc = leaf.getExtension(Extension.basicConstraints);
        assertTrue(bc.isCritical());
        assertFalse(BasicConstraints.getInstance(bc.getParsedValue()).isCA());
        Extension san = leaf.getExtension(Extension.subjectAlternativeName);
        assertFalse(san.isCritical());
        assertEquals(NAMES, Arrays.stream(GeneralNames.getInstance(san.getParsedValue()).getNames())
                .peek(n -> assertEquals(GeneralName.dNSName, n.getTagNo()))
                .map(n -> n.getName().toString()).toList());
        assertArrayEquals(SubjectKeyIdentifier.getInstance(dv.getExtension(Extension.subjectKeyIdentifier)
                        .getParsedValue()).getKeyIdentifier(),
                AuthorityKeyIdentifier.getInstance(leaf.getExtension(Extension.authorityKeyIdentifier)
                        .getParsedValue()).getKeyIdentifierObject().getOctets());
        assertEquals(List.of("2.23.140.1.2.1", CP), policies(leaf));
        assertEquals(List.of(BASE + "/crl/dv.crl"), crlUrls(leaf));
        assertEquals(Map.of("ocsp", BASE + "/ocsp/dv", "caIssuers", BASE + "/ca/dv.der"), aia(leaf));
        assertNull(leaf.getExtension(Extension.subjectKeyIdentifier), "BR §7.1.2.7.6: SKI NOT RECOMMENDED");
        assertEquals(9, leaf.getExtensionOIDs().size(), "8 profile extensions and the SCT list");
        assertFalse(leaf.getExtension(dev.inkan.ca.profile.CtExtensions.SCT_LIST).isCritical());
        assertEquals(SignatureAlgorithm.SHA256_WITH_RSA.identifier(), leaf.getSignatureAlgorithm());
    }

    @Test
    void testSuccess_ecdsaSubscriberKeyGetsNoKeyEncipherment() throws Exception {
        X509CertificateHolder leaf = holder(Await.result(ca().issue(request("dv", ecKey))));

        assertEquals(new KeyUsage(KeyUsage.digitalSignature),
                KeyUsage.getInstance(leaf.getExtension(Extension.keyUsage).getParsedValue()));
    }

    @Test
    void testSuccess_storeSawReservedBeforeIssuedWithTheSameTbs() throws Exception {
        CertificateRecord r = Await.result(ca().issue(request("dv", rsaKey)));

        assertEquals(List.of("reserve " + r.serial() + " RESERVED", "markPrecertified " + r.serial(),
                "markIssued " + r.serial()), store.journal());
        // the reserved TBS is the precertificate's; the final one has the SCT list where the poison was
        org.bouncycastle.asn1.x509.TBSCertificate precertTbs =
                org.bouncycastle.asn1.x509.TBSCertificate.getInstance(r.tbsDer());
        assertArrayEquals(dev.inkan.ca.profile.TbsCertificates.der(dev.inkan.ca.profile.TbsCertificates.replacing(
                        precertTbs, dev.inkan.ca.profile.CtExtensions.POISON,
                        dev.inkan.ca.profile.CtExtensions.sctList(TestSctSource.SCTS))),
                holder(r).toASN1Structure().getTBSCertificate().getEncoded("DER"));
        assertEquals(holder(r).getSerialNumber().toString(16), r.serial());
        assertTrue(holder(r).getSerialNumber().bitLength() <= 127);
        assertEquals(1, holder(r).getSerialNumber().signum());
    }

    @Test
    void testSuccess_conflictingSerialIsReplacedByAFreshOne() {
        store.conflictOnNextReservations(1);

        CertificateRecord r = Await.result(ca().issue(request("dv", rsaKey)));

        List<String> journal = store.journal();
        assertEquals(4, journal.size(), journal.toString());
        assertNotEquals(journal.get(0), journal.get(1), "the retry reserves a new serial");
        assertEquals("markIssued " + r.serial(), journal.get(3));
    }

    @Test
    void testFailure_signingFailureMarksTheSerialFailed() {
        Signer broken = new Signer() {
            @Override
            public SignatureAlgorithm signatureAlgorithm(String caId) {
                return signer.signatureAlgorithm(caId);
            }

            @Override
            public Future<byte[]> sign(String caId, byte[] toBeSigned) {
                return Future.failedFuture(new IllegalStateException("CKR_DEVICE_ERROR"));
            }
        };

        Throwable e = Await.failure(ca(broken, CertificateProfile.defaults(CP)).issue(request("dv", rsaKey)));

        assertEquals(ErrorKind.SERVER_INTERNAL, assertInstanceOf(CaException.class, e).kind());
        String serial = store.journal().get(0).split(" ")[1];
        assertEquals(List.of("reserve " + serial + " RESERVED", "markFailed " + serial), store.journal());
        assertEquals(CertificateStatus.FAILED, Await.result(store.bySerial(serial)).orElseThrow().status());
    }

    @Test
    void testFailure_signatureThatDoesNotVerifyIsNeverIssued() {
        Signer faulty = new Signer() {
            @Override
            public SignatureAlgorithm signatureAlgorithm(String caId) {
                return signer.signatureAlgorithm(caId);
            }

            @Override
            public Future<byte[]> sign(String caId, byte[] toBeSigned) {
                return signer.sign(caId, toBeSigned).map(sig -> {
                    sig[sig.length / 2] ^= 1;
                    return sig;
                });
            }
        };

        Throwable e = Await.failure(ca(faulty, CertificateProfile.defaults(CP)).issue(request("dv", rsaKey)));

        assertEquals(ErrorKind.SERVER_INTERNAL, assertInstanceOf(CaException.class, e).kind());
        assertTrue(store.journal().get(1).startsWith("markFailed "), store.journal().toString());
    }

    @Test
    void testFailure_signatureByAnotherKeyIsNeverIssued() throws Exception {
        java.security.KeyPair other = KeyPairGenerator.getInstance("RSA").generateKeyPair();
        Signer impostor = new Signer() {
            @Override
            public SignatureAlgorithm signatureAlgorithm(String caId) {
                return signer.signatureAlgorithm(caId);
            }

            @Override
            public Future<byte[]> sign(String caId, byte[] toBeSigned) {
                try {
                    java.security.Signature s = java.security.Signature.getInstance("SHA256withRSA");
                    s.initSign(other.getPrivate());
                    s.update(toBeSigned);
                    return Future.succeededFuture(s.sign());
                } catch (java.security.GeneralSecurityException e) {
                    return Future.failedFuture(e);
                }
            }
        };

        Throwable e = Await.failure(ca(impostor, CertificateProfile.defaults(CP)).issue(request("dv", rsaKey)));

        assertEquals(ErrorKind.SERVER_INTERNAL, assertInstanceOf(CaException.class, e).kind());
        assertTrue(store.journal().get(1).startsWith("markFailed "), store.journal().toString());
    }

    @Test
    void testFailure_unsupportedSubscriberKeyIsRefusedBeforeAnySerial() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp521r1"));

        Throwable e = Await.failure(ca().issue(request("dv", g.generateKeyPair().getPublic().getEncoded())));

        assertEquals(ErrorKind.BAD_PUBLIC_KEY, assertInstanceOf(CaException.class, e).kind());
        assertEquals(List.of(), store.journal());
    }

    @Test
    void testFailure_unknownProfileIsRefused() {
        Throwable e = Await.failure(ca().issue(request("ev", rsaKey)));

        CaException ce = assertInstanceOf(CaException.class, e);
        assertEquals(ErrorKind.INVALID_PROFILE, ce.kind());
        assertTrue(ce.detail().contains("offered: dv, ov, shortlived"), ce.detail());
    }

    @Test
    void testFailure_ovWithoutVettedOrganizationIsRefused() {
        Throwable e = Await.failure(ca().issue(request("ov", rsaKey)));

        assertEquals(ErrorKind.USER_ACTION_REQUIRED, assertInstanceOf(CaException.class, e).kind());
        assertEquals(List.of(), store.journal());
    }

    @Test
    void testSuccess_ovSubjectComesFromTheVettedOrganization() throws Exception {
        CertificateRecord r = Await.result(ca().issue(new IssuanceRequest("order-2", "vetted", "ov", rsaKey, NAMES,
                dev.inkan.core.port.CertificateAuthority.SigningGate.OPEN, ORG)));
        X509CertificateHolder leaf = holder(r);

        assertEquals(CaIds.OV, r.issuerId());
        assertEquals(List.of("C", "ST", "L", "O", "CN"), Arrays.stream(leaf.getSubject().getRDNs())
                .map(rdn -> BCStyle.INSTANCE.oidToDisplayName(rdn.getFirst().getType())).toList());
        assertEquals("CN=www.example.jp,O=Example K.K.,L=Chiyoda-ku,ST=Tokyo,C=JP",
                new javax.security.auth.x500.X500Principal(leaf.getSubject().getEncoded()).getName());
        assertEquals(List.of("2.23.140.1.2.2", CP), policies(leaf));
        assertTrue(opensslVerify(r, CaIds.OV).endsWith(": OK"), opensslVerify(r, CaIds.OV));
    }

    @Test
    void testSuccess_defaultValidityIs90Days() throws Exception {
        assertEquals(Duration.ofDays(90), validity(Await.result(ca().issue(request("dv", rsaKey)))));
    }

    @Test
    void testSuccess_shortLivedProfileIssuesSevenDays() throws Exception {
        assertEquals(Duration.ofDays(7), validity(Await.result(ca().issue(request("shortlived", rsaKey)))));
    }

    @Test
    void testSuccess_validityCapIs200DaysJustBefore2027_03_15() throws Exception {
        clock.set(Instant.parse("2027-03-14T23:59:59Z"));
        assertEquals(Duration.ofDays(200), validity(Await.result(longLived().issue(request("dv", rsaKey)))));
    }

    @Test
    void testSuccess_validityCapIs100DaysFrom2027_03_15() throws Exception {
        clock.set(Instant.parse("2027-03-15T00:00:00Z"));
        assertEquals(Duration.ofDays(100), validity(Await.result(longLived().issue(request("dv", rsaKey)))));
    }

    @Test
    void testSuccess_validityCapIs100DaysJustBefore2029_03_15() throws Exception {
        clock.set(Instant.parse("2029-03-14T23:59:59Z"));
        assertEquals(Duration.ofDays(100), validity(Await.result(longLived().issue(request("dv", rsaKey)))));
    }

    @Test
    void testSuccess_validityCapIs47DaysFrom2029_03_15() throws Exception {
        clock.set(Instant.parse("2029-03-15T00:00:00Z"));
        CertificateRecord r = Await.result(longLived().issue(request("dv", rsaKey)));

        assertEquals(Duration.ofDays(47), validity(r));
        assertEquals(clock.instant(), holder(r).getNotBefore().toInstant(), "no backdating");
        assertEquals(r.notAfter(), holder(r).getNotAfter().toInstant());
    }

    @Test
    void testFailure_certificateOutlivingItsIssuingCaIsRefused() {
        // the sandbox issuing CAs are valid 1095 days from the ceremony
        clock.set(CEREMONY.plus(Duration.ofDays(1050)));

        Throwable e = Await.failure(ca().issue(request("dv", rsaKey)));

        assertEquals(ErrorKind.SERVER_INTERNAL, assertInstanceOf(CaException.class, e).kind());
        assertEquals(List.of(), store.journal());
    }

    private CertificateAuthorityImpl longLived() {
        return ca(signer, List.of(CertificateProfile.dv(CP).withValidity(Duration.ofDays(398))));
    }

    private static Duration validity(CertificateRecord r) throws Exception {
        X509CertificateHolder c = holder(r);
        return Duration.between(c.getNotBefore().toInstant(), c.getNotAfter().toInstant()).plusSeconds(1);
    }

    private static List<String> policies(X509CertificateHolder c) {
        return Arrays.stream(CertificatePolicies.getInstance(
                        c.getExtension(Extension.certificatePolicies).getParsedValue()).getPolicyInformation())
                .map(PolicyInformation::getPolicyIdentifier)
                .map(ASN1ObjectIdentifier::getId)
                .toList();
    }

    /** Issue 14 finding 6: with sharded CRLs a certificate names its shard's CRL, the URL that shard's IDP names. */
    @Test
    void testSuccess_crlShards_aCertificateNamesItsShardsCrl() throws Exception {
        dev.inkan.ca.CaUrls sharded = new dev.inkan.ca.CaUrls(BASE).withCrlShards(4);

        CertificateRecord r = Await.result(ca(signer, CertificateProfile.defaults(CP), sharded)
                .issue(request("dv", rsaKey)));

        int shard = dev.inkan.ca.crl.CrlShards.shardOf(r.serial(), 4);
        assertEquals(List.of(BASE + "/crl/dv/" + shard + ".crl"), crlUrls(holder(r)));
    }

    private static List<String> crlUrls(X509CertificateHolder c) {
        return Arrays.stream(CRLDistPoint.getInstance(
                        c.getExtension(Extension.cRLDistributionPoints).getParsedValue()).getDistributionPoints())
                .flatMap(dp -> Arrays.stream(GeneralNames.getInstance(dp.getDistributionPoint().getName()).getNames()))
                .map(n -> n.getName().toString())
                .toList();
    }

    private static Map<String, String> aia(X509CertificateHolder c) {
        return Arrays.stream(AuthorityInformationAccess.getInstance(
                        c.getExtension(Extension.authorityInfoAccess).getParsedValue()).getAccessDescriptions())
                .collect(Collectors.toMap(
                        d -> d.getAccessMethod().equals(AccessDescription.id_ad_ocsp) ? "ocsp" : "caIssuers",
                        d -> d.getAccessLocation().getName().toString()));
    }
}
