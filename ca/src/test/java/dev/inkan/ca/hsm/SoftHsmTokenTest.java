package dev.inkan.ca.hsm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.inkan.ca.DistinguishedNames;
import dev.inkan.ca.SignatureAlgorithm;
import dev.inkan.ca.TestTokens;
import dev.inkan.ca.profile.TbsCertificates;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Certificate;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x509.TBSCertificate;
import org.bouncycastle.cert.X509CertificateHolder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SoftHsmTokenTest {
    private static final String KEYS = "tok-keys";
    private static final String LOCKED = "tok-pin";
    private static SoftHsmToken token;

    @BeforeAll
    static void tokens() {
        TestTokens.recreate(KEYS, LOCKED);
        token = SoftHsmToken.open(TestTokens.config(KEYS));
    }

    @Test
    void testSuccess_rsaSignatureFromTokenVerifiesInSoftware() throws Exception {
        KeyPair kp = token.generateKeyPair(KeyAlgorithm.RSA_2048);
        byte[] data = "to be signed".getBytes(StandardCharsets.UTF_8);
        byte[] sig = token.sign(kp.getPrivate(), data);

        Signature v = Signature.getInstance("SHA256withRSA", "SunRsaSign");
        v.initVerify(softwareKey("RSA", kp.getPublic()));
        v.update(data);
        assertTrue(v.verify(sig));
    }

    @Test
    void testSuccess_ecdsaSignatureFromTokenVerifiesInSoftware() throws Exception {
        KeyPair kp = token.generateKeyPair(KeyAlgorithm.EC_P256);
        byte[] data = "to be signed".getBytes(StandardCharsets.UTF_8);
        byte[] sig = token.sign(kp.getPrivate(), data);

        Signature v = Signature.getInstance("SHA256withECDSA", "SunEC");
        v.initVerify(softwareKey("EC", kp.getPublic()));
        v.update(data);
        assertTrue(v.verify(sig));
        // BR §7.1.3.1.2: P-256 SubjectPublicKeyInfo algorithm, byte for byte
        assertEquals("301306072a8648ce3d020106082a8648ce3d030107", HexFormat.of().formatHex(
                SubjectPublicKeyInfo.getInstance(kp.getPublic().getEncoded()).getAlgorithm().getEncoded()));
    }

    @Test
    void testSuccess_generatedPrivateKeyIsNotExtractable() {
        KeyPair kp = token.generateKeyPair(KeyAlgorithm.RSA_2048);
        assertNull(kp.getPrivate().getEncoded());
        assertTrue(kp.getPrivate().toString().contains("sensitive, unextractable"), kp.getPrivate().toString());
    }

    @Test
    void testSuccess_storedKeySignsInANewJvm() throws Exception {
        KeyPair kp = token.generateKeyPair(KeyAlgorithm.RSA_2048);
        X509CertificateHolder cert = selfSigned(kp, "CN=survivor");
        token.persist("survivor", kp.getPrivate(), cert);
        String data = "0102030405";

        Map<String, String> out = child(KEYS, "survivor", data);

        assertTrue(out.get("key").contains("token object, sensitive, unextractable"), out.get("key"));
        assertTrue(out.get("aliases").contains("survivor"), out.get("aliases"));
        Signature v = Signature.getInstance("SHA256withRSA", "SunRsaSign");
        v.initVerify(softwareKey("RSA", kp.getPublic()));
        v.update(HexFormat.of().parseHex(data));
        assertTrue(v.verify(Base64.getDecoder().decode(out.get("signature"))));
    }

    @Test
    void testSuccess_signingRecoversWhenTheTokenLoggedOutMidRun() throws Exception {
        KeyPair kp = token.generateKeyPair(KeyAlgorithm.EC_P256);
        token.persist("relogin", kp.getPrivate(), selfSigned(kp, "CN=relogin"));
        byte[] data = "before and after".getBytes(StandardCharsets.UTF_8);
        token.sign("relogin", data);
        // the session ends under the CA, as when the token is restarted or an operator logs it out
        ((java.security.AuthProvider) token.provider()).logout();
        byte[] sig = token.sign("relogin", data);
        Signature v = Signature.getInstance("SHA256withECDSA", "SunEC");
        v.initVerify(softwareKey("EC", kp.getPublic()));
        v.update(data);
        assertTrue(v.verify(sig));
    }

    @Test
    void testFailure_existingKeyIsNeverReplaced() throws Exception {
        KeyPair first = token.generateKeyPair(KeyAlgorithm.EC_P256);
        token.persist("kept", first.getPrivate(), selfSigned(first, "CN=kept"));
        KeyPair second = token.generateKeyPair(KeyAlgorithm.EC_P256);

        HsmException e = assertThrows(HsmException.class,
                () -> token.persist("kept", second.getPrivate(), selfSigned(second, "CN=kept")));

        assertTrue(e.getMessage().contains("already holds key 'kept'"), e.getMessage());
        assertEquals(SubjectPublicKeyInfo.getInstance(first.getPublic().getEncoded()),
                token.certificate("kept").orElseThrow().getSubjectPublicKeyInfo());
    }

    @Test
    void testFailure_wrongPinGivesAClearMessage() {
        HsmConfig wrong = TestTokens.config(LOCKED).withUserPin("999999");

        HsmException e = assertThrows(HsmException.class, () -> SoftHsmToken.open(wrong));

        assertEquals("HSM login to token '" + LOCKED + "' failed: wrong PIN?", e.getMessage());
    }

    @Test
    void testFailure_softHsmConfOtherThanTheExportedOneIsRefused() {
        HsmConfig elsewhere = new HsmConfig(HsmConfig.DEFAULT_LIBRARY, KEYS, TestTokens.USER_PIN, TestTokens.SO_PIN,
                TestTokens.confFile().resolveSibling("other/softhsm2.conf"),
                TestTokens.confFile().resolveSibling("other/tokens"));

        HsmException e = assertThrows(HsmException.class, () -> SoftHsmToken.open(elsewhere));

        assertTrue(e.getMessage().contains("export SOFTHSM2_CONF=" + elsewhere.confFile()), e.getMessage());
    }

    @Test
    void testSuccess_configNeverShowsThePins() {
        String text = TestTokens.config(KEYS).toString();
        assertFalse(text.contains(TestTokens.USER_PIN) || text.contains(TestTokens.SO_PIN), text);
    }

    private static X509CertificateHolder selfSigned(KeyPair kp, String dn) {
        X500Name name = DistinguishedNames.parse(dn);
        SignatureAlgorithm alg = SignatureAlgorithm.forKey(kp.getPrivate());
        Instant t = Instant.parse("2026-01-01T00:00:00Z");
        TBSCertificate tbs = TbsCertificates.build(BigInteger.TEN, alg, name, t, t.plusSeconds(86400), name,
                SubjectPublicKeyInfo.getInstance(kp.getPublic().getEncoded()), List.of());
        try {
            byte[] sig = token.sign(kp.getPrivate(), tbs.getEncoded("DER"));
            return new X509CertificateHolder(Certificate.getInstance(
                    new DERSequence(new ASN1Encodable[] {tbs, alg.identifier(), new DERBitString(sig)})));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static PublicKey softwareKey(String alg, PublicKey p11) throws Exception {
        return KeyFactory.getInstance(alg).generatePublic(new X509EncodedKeySpec(p11.getEncoded()));
    }

    private static Map<String, String> child(String label, String alias, String hex) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                TokenSignMain.class.getName(), label, alias, hex).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        Map<String, String> values = new java.util.HashMap<>();
        for (String line : out.split("\\R")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                values.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        assertTrue(values.containsKey("signature"), out);
        return values;
    }

}
