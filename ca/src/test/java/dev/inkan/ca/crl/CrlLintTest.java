package dev.inkan.ca.crl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.inkan.core.model.CaCertificate;
import dev.inkan.core.model.RevocationReason;
import dev.inkan.core.model.RevokedEntry;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.CRLNumber;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x509.TBSCertList;
import org.bouncycastle.asn1.x509.Time;
import org.bouncycastle.asn1.x509.V2TBSCertListGenerator;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class CrlLintTest {
    private static final Instant NOW = Instant.parse("2026-12-01T00:00:00Z");
    private static final AlgorithmIdentifier ALG =
            new AlgorithmIdentifier(PKCSObjectIdentifiers.sha256WithRSAEncryption, DERNull.INSTANCE);
    private static final String SHARD_URL = "http://localhost:14080/crl/dv/0.crl";
    private static CrlIssuer issuer;

    @BeforeAll
    static void softwareCa() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair key = g.generateKeyPair();
        X500Name name = new X500Name("CN=Lint Test CA,O=Inkan,C=JP");
        X509v3CertificateBuilder b = new X509v3CertificateBuilder(name, BigInteger.TEN, Date.from(NOW.minusSeconds(86400)),
                Date.from(NOW.plus(Duration.ofDays(365))), name, SubjectPublicKeyInfo.getInstance(key.getPublic().getEncoded()));
        b.addExtension(Extension.subjectKeyIdentifier, false, new SubjectKeyIdentifier(new byte[] {1, 2, 3, 4}));
        byte[] der = b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(key.getPrivate())).getEncoded();
        issuer = CrlIssuer.of(new CaCertificate("dv", "issuing", "CN=Lint Test CA", "dv", "root", der, "00", NOW));
    }

    private static List<RevokedEntry> everyReason() {
        List<RevocationReason> reasons = List.of(RevocationReason.values());
        return reasons.stream().map(r -> new RevokedEntry(Integer.toHexString(100 + r.ordinal()), NOW.minusSeconds(60),
                r, NOW.plus(Duration.ofDays(30)))).toList();
    }

    /** A TBS built the generic way, to hand the lint what our template never makes. */
    private static V2TBSCertListGenerator generic(Instant nextUpdate, byte[] akiKeyId) throws Exception {
        V2TBSCertListGenerator g = new V2TBSCertListGenerator();
        g.setSignature(ALG);
        g.setIssuer(issuer.subject());
        g.setThisUpdate(new Time(java.util.Date.from(NOW)));
        g.setNextUpdate(new Time(java.util.Date.from(nextUpdate)));
        g.setExtensions(new Extensions(new Extension[] {
            new Extension(Extension.authorityKeyIdentifier, false, new AuthorityKeyIdentifier(akiKeyId).getEncoded()),
            new Extension(Extension.cRLNumber, false, new CRLNumber(BigInteger.ONE).getEncoded())}));
        return g;
    }

    private static String findings(TBSCertList tbs, String shardUrl) {
        return String.join("; ", CrlLint.findings(tbs, issuer, ALG, shardUrl));
    }

    @Test
    void testSuccess_theTemplateWithEveryReasonHasNoFinding() {
        TBSCertList tbs = CrlTemplate.tbs(issuer, ALG, 7, NOW, NOW.plus(Duration.ofHours(96)), everyReason(), null);
        assertEquals("", findings(tbs, null));
    }

    @Test
    void testSuccess_aShardFromTheTemplateHasNoFinding() {
        TBSCertList tbs = CrlTemplate.tbs(issuer, ALG, 7, NOW, NOW.plus(Duration.ofHours(96)), everyReason(), SHARD_URL);
        assertEquals("", findings(tbs, SHARD_URL));
    }

    @Test
    void testFailure_certificateHoldAndAnExplicitUnspecifiedAreRefused() throws Exception {
        V2TBSCertListGenerator g = generic(NOW.plus(Duration.ofHours(96)), issuer.keyId());
        g.addCRLEntry(new org.bouncycastle.asn1.ASN1Integer(5), new Time(java.util.Date.from(NOW)), CRLReason.certificateHold);
        g.addCRLEntry(new org.bouncycastle.asn1.ASN1Integer(6), new Time(java.util.Date.from(NOW)), new Extensions(
                new Extension(Extension.reasonCode, false, CRLReason.lookup(CRLReason.unspecified).getEncoded())));
        String f = findings(g.generateTBSCertList(), null);
        assertTrue(f.contains("entry 5: reasonCode 6 is not allowed"), f);
        assertTrue(f.contains("entry 6: reasonCode 0 is not allowed"), f);
    }

    @Test
    void testFailure_nextUpdateMoreThanTenDaysAfterThisUpdateIsRefused() throws Exception {
        String f = findings(generic(NOW.plus(Duration.ofDays(11)), issuer.keyId()).generateTBSCertList(), null);
        assertTrue(f.contains("more than 10 days"), f);
    }

    @Test
    void testFailure_aSerialListedTwiceIsRefused() throws Exception {
        V2TBSCertListGenerator g = generic(NOW.plus(Duration.ofHours(96)), issuer.keyId());
        g.addCRLEntry(new org.bouncycastle.asn1.ASN1Integer(9), new Time(java.util.Date.from(NOW)), CRLReason.superseded);
        g.addCRLEntry(new org.bouncycastle.asn1.ASN1Integer(9), new Time(java.util.Date.from(NOW)), CRLReason.superseded);
        assertTrue(findings(g.generateTBSCertList(), null).contains("entry 9: listed twice"));
    }

    @Test
    void testFailure_anAkiOtherThanTheCaSkiIsRefused() throws Exception {
        String f = findings(generic(NOW.plus(Duration.ofHours(96)), new byte[] {9, 9}).generateTBSCertList(), null);
        assertTrue(f.contains("not the CA certificate's subjectKeyIdentifier"), f);
    }

    @Test
    void testFailure_aShardWithoutItsIdpAndAFullCrlWithOneAreRefused() {
        TBSCertList full = CrlTemplate.tbs(issuer, ALG, 7, NOW, NOW.plus(Duration.ofHours(96)), List.of(), null);
        assertTrue(findings(full, SHARD_URL).contains("needs a critical issuingDistributionPoint"));
        TBSCertList shard = CrlTemplate.tbs(issuer, ALG, 7, NOW, NOW.plus(Duration.ofHours(96)), List.of(), SHARD_URL);
        assertTrue(findings(shard, null).contains("a full CRL carries no issuingDistributionPoint"));
        assertTrue(findings(shard, "http://localhost:14080/crl/dv/1.crl").contains("does not name"));
    }

    @Test
    void testFailure_anotherIssuerNameOrAlgorithmIsRefused() throws Exception {
        V2TBSCertListGenerator g = generic(NOW.plus(Duration.ofHours(96)), issuer.keyId());
        g.setIssuer(new X500Name("CN=Someone Else"));
        String f = String.join("; ", CrlLint.findings(g.generateTBSCertList(), issuer,
                new AlgorithmIdentifier(PKCSObjectIdentifiers.sha384WithRSAEncryption, DERNull.INSTANCE), null));
        assertTrue(f.contains("issuer is not byte for byte"), f);
        assertTrue(f.contains("is not the CA key's"), f);
    }
}
