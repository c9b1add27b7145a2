package dev.inkan.ra.policy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.inkan.core.error.CaException;
import dev.inkan.core.error.ErrorKind;
import dev.inkan.core.model.Identifier;
import dev.inkan.core.policy.SubscriberKeyRules;
import dev.inkan.ra.fake.TestKeys;
import java.security.KeyPair;
import java.util.List;
import org.bouncycastle.asn1.x509.GeneralName;
import org.junit.jupiter.api.Test;

class CsrPolicyTest {
    private static final List<Identifier> ORDER =
            List.of(Identifier.dns("*.example.com"), Identifier.dns("example.com"), Identifier.dns("www.example.com"));
    private static final List<String> NAMES = List.of("example.com", "www.example.com", "*.example.com");

    private final CsrPolicy policy = new CsrPolicy(SubscriberKeyRules.standard());

    private CaException refused(byte[] csr) {
        return refused(csr, ErrorKind.BAD_CSR);
    }

    private CaException refused(byte[] csr, ErrorKind kind) {
        CaException e = assertThrows(CaException.class, () -> policy.check(csr, ORDER));
        assertEquals(kind, e.kind());
        return e;
    }

    @Test
    void testSuccess_rsa2048WithCommonNameFirst() {
        KeyPair key = TestKeys.rsa(2048);
        CertificateRequest csr = policy.check(TestKeys.csr(key, "www.example.com", NAMES), ORDER);
        assertEquals(List.of("www.example.com", "*.example.com", "example.com"), csr.dnsNames());
        assertArrayEquals(key.getPublic().getEncoded(), csr.subjectPublicKeyInfo());
        assertEquals(JwkThumbprint.of(key.getPublic()), csr.keyThumbprint());
    }

    @Test
    void testSuccess_p256AndP384WithoutCommonName() {
        for (String curve : List.of("secp256r1", "secp384r1")) {
            CertificateRequest csr = policy.check(TestKeys.csr(TestKeys.ec(curve), null, NAMES), ORDER);
            assertEquals(List.of("*.example.com", "example.com", "www.example.com"), csr.dnsNames());
        }
    }

    @Test
    void testSuccess_namesAreCompareCaseInsensitively() {
        byte[] der = TestKeys.csr(TestKeys.ec("secp256r1"), "EXAMPLE.com",
                List.of("Example.COM", "WWW.example.com", "*.EXAMPLE.com"));
        assertEquals(3, policy.check(der, ORDER).dnsNames().size());
    }

    @Test
    void testSuccess_commonNameCountsAsAName() {
        List<Identifier> one = List.of(Identifier.dns("example.com"));
        assertEquals(List.of("example.com"),
                policy.check(TestKeys.csr(TestKeys.ec("secp256r1"), "example.com", List.of()), one).dnsNames());
    }

    @Test
    void testFailure_missingNameIsListed() {
        CaException e = refused(TestKeys.csr(TestKeys.ec("secp256r1"), null, List.of("example.com", "*.example.com")));
        assertTrue(e.detail().contains("missing from the CSR: [www.example.com]"), e.detail());
    }

    @Test
    void testFailure_extraNameIsListed() {
        CaException e = refused(TestKeys.csr(TestKeys.ec("secp256r1"), "other.example.com", NAMES));
        assertTrue(e.detail().contains("not in the order: [other.example.com]"), e.detail());
    }

    @Test
    void testFailure_rsa1024IsRefused() {
        assertTrue(refused(TestKeys.csr(TestKeys.rsa(1024), null, NAMES), ErrorKind.BAD_PUBLIC_KEY).detail()
                .contains("RSA 1024"));
    }

    @Test
    void testFailure_p521IsRefused() {
        assertTrue(refused(TestKeys.csr(TestKeys.ec("secp521r1"), null, NAMES), ErrorKind.BAD_PUBLIC_KEY).detail()
                .contains("curve that is not accepted"));
    }

    @Test
    void testFailure_badSignatureIsRefused() {
        byte[] der = TestKeys.csr(TestKeys.ec("secp256r1"), null, NAMES);
        der[der.length - 5] ^= 0x01; // inside the signature value
        assertTrue(refused(der).detail().contains("signature"));
    }

    @Test
    void testFailure_signatureByAnotherKeyIsRefused() throws Exception {
        KeyPair subject = TestKeys.ec("secp256r1");
        KeyPair other = TestKeys.freshEc();
        byte[] der = new org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder(
                        new org.bouncycastle.asn1.x500.X500Name("CN=example.com"), subject.getPublic())
                .build(new org.bouncycastle.operator.jcajce.JcaContentSignerBuilder("SHA256withECDSA")
                        .build(other.getPrivate()))
                .getEncoded();
        CaException e = assertThrows(CaException.class, () -> policy.check(der, List.of(Identifier.dns("example.com"))));
        assertEquals(ErrorKind.BAD_CSR, e.kind());
        assertTrue(e.detail().contains("signature"));
    }

    @Test
    void testFailure_p384SignatureByAnotherKeyIsRefused() throws Exception {
        KeyPair subject = TestKeys.ec("secp384r1");
        java.security.KeyPairGenerator g = java.security.KeyPairGenerator.getInstance("EC");
        g.initialize(new java.security.spec.ECGenParameterSpec("secp384r1"));
        KeyPair other = g.generateKeyPair();
        byte[] der = new org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder(
                        new org.bouncycastle.asn1.x500.X500Name("CN=example.com"), subject.getPublic())
                .build(new org.bouncycastle.operator.jcajce.JcaContentSignerBuilder("SHA384withECDSA")
                        .build(other.getPrivate()))
                .getEncoded();
        CaException e = assertThrows(CaException.class, () -> policy.check(der, List.of(Identifier.dns("example.com"))));
        assertTrue(e.detail().contains("signature"));
    }

    /** ECDSA signatures are not malleability-checked: s and n - s both verify (low s is not required). */
    @Test
    void testSuccess_ecdsaSignatureWithTheOtherSIsAccepted() throws Exception {
        KeyPair key = TestKeys.ec("secp256r1");
        byte[] der = TestKeys.csr(key, null, NAMES);
        java.math.BigInteger n = ((java.security.interfaces.ECPublicKey) key.getPublic()).getParams().getOrder();

        byte[] flipped = withSignature(der, rs -> encoded(new org.bouncycastle.asn1.DERSequence(
                new org.bouncycastle.asn1.ASN1Encodable[] {new org.bouncycastle.asn1.ASN1Integer(rs[0]),
                        new org.bouncycastle.asn1.ASN1Integer(n.subtract(rs[1]))})));

        assertEquals(NAMES.size(), policy.check(flipped, ORDER).dnsNames().size());
    }

    /** The signature must be DER: an INTEGER with a leading zero it does not need is refused. */
    @Test
    void testFailure_ecdsaSignatureNotInDerIsRefused() throws Exception {
        byte[] der = TestKeys.csr(TestKeys.ec("secp256r1"), null, NAMES);

        // r with one more leading zero byte than DER allows, the lengths adjusted
        byte[] padded = withSignature(der, rs -> {
            byte[] r = rs[0].toByteArray();
            byte[] sv = rs[1].toByteArray();
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            out.write(0x30);
            out.write(2 + r.length + 1 + 2 + sv.length);
            out.write(0x02);
            out.write(r.length + 1);
            out.write(0);
            out.writeBytes(r);
            out.write(0x02);
            out.write(sv.length);
            out.writeBytes(sv);
            return out.toByteArray();
        });

        assertTrue(refused(padded).detail().contains("signature"));
    }

    private static byte[] encoded(org.bouncycastle.asn1.ASN1Object o) {
        try {
            return o.getEncoded("DER");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The CSR with its ECDSA signature value re-encoded from (r, s). */
    private static byte[] withSignature(byte[] csrDer,
            java.util.function.Function<java.math.BigInteger[], byte[]> encode)
            throws Exception {
        org.bouncycastle.asn1.pkcs.CertificationRequest csr =
                org.bouncycastle.asn1.pkcs.CertificationRequest.getInstance(csrDer);
        org.bouncycastle.asn1.ASN1Sequence sig =
                org.bouncycastle.asn1.ASN1Sequence.getInstance(csr.getSignature().getOctets());
        java.math.BigInteger[] rs = {
                org.bouncycastle.asn1.ASN1Integer.getInstance(sig.getObjectAt(0)).getValue(),
                org.bouncycastle.asn1.ASN1Integer.getInstance(sig.getObjectAt(1)).getValue()};
        byte[] value = encode.apply(rs);
        return new org.bouncycastle.asn1.pkcs.CertificationRequest(csr.getCertificationRequestInfo(),
                csr.getSignatureAlgorithm(), new org.bouncycastle.asn1.DERBitString(value)).getEncoded();
    }

    @Test
    void testFailure_sha1SignatureIsRefused() {
        byte[] der = TestKeys.csr(TestKeys.rsa(2048), null,
                NAMES.stream().map(n -> new GeneralName(GeneralName.dNSName, n)).toList(), "SHA1withRSA");
        assertTrue(refused(der).detail().contains("SHA-256"));
    }

    @Test
    void testFailure_otherSanTypeIsRefused() {
        List<GeneralName> sans = List.of(new GeneralName(GeneralName.dNSName, "example.com"),
                new GeneralName(GeneralName.iPAddress, "192.0.2.1"));
        byte[] der = TestKeys.csr(TestKeys.ec("secp256r1"), null, sans, "SHA256withECDSA");
        assertTrue(refused(der).detail().contains("iPAddress"));
    }

    @Test
    void testFailure_garbageIsUnparseable() {
        assertTrue(refused(new byte[] {0x30, 0x03, 0x02, 0x01, 0x01}).detail().contains("could not parse CSR"));
        assertTrue(refused("not a csr".getBytes()).detail().contains("could not parse CSR"));
    }
}
