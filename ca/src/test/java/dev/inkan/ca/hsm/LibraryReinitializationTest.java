package dev.inkan.ca.hsm;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.inkan.ca.DistinguishedNames;
import dev.inkan.ca.SignatureAlgorithm;
import dev.inkan.ca.TestTokens;
import dev.inkan.ca.profile.TbsCertificates;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.Provider;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Certificate;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x509.TBSCertificate;
import org.bouncycastle.cert.X509CertificateHolder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The PKCS#11 library finalized under a running CA (every session and key handle gone, every call
 * CKR_CRYPTOKI_NOT_INITIALIZED): signing initialises it again and carries on, without a restart. Alone in its JVM.
 */
@Timeout(120)
class LibraryReinitializationTest {
    private static final String LABEL = "tok-reinit";

    @Test
    void testSuccess_signingRecoversAfterTheLibraryWasFinalizedMidRun() throws Exception {
        TestTokens.recreate(LABEL);
        SoftHsmToken token = SoftHsmToken.open(TestTokens.config(LABEL));
        KeyPair kp = token.generateKeyPair(KeyAlgorithm.EC_P256);
        token.persist("issuing", kp.getPrivate(), selfSigned(token, kp));
        byte[] data = "before and after".getBytes(StandardCharsets.UTF_8);
        token.sign("issuing", data);
        Provider before = token.provider();

        TokenLibrary.finalizeLibrary(before);

        // several signers hit the dead library at once; they recover once, together
        ExecutorService signers = Executors.newFixedThreadPool(4);
        try {
            List<Future<byte[]>> signatures = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                signatures.add(signers.submit(() -> token.sign("issuing", data)));
            }
            for (Future<byte[]> sig : signatures) {
                Signature v = Signature.getInstance("SHA256withECDSA", "SunEC");
                v.initVerify(KeyFactory.getInstance("EC").generatePublic(
                        new X509EncodedKeySpec(kp.getPublic().getEncoded())));
                v.update(data);
                assertTrue(v.verify(sig.get()), "a signature after recovery does not verify");
            }
        } finally {
            signers.shutdownNow();
        }
        assertTrue(token.provider() != before, "the token kept its dead provider");
        assertTrue(token.hasKey("issuing"));
        // the generated key pair is a session object of the finalized library: collected while signers run, its
        // late C_DestroyObject would name an object of the new one (the token keeps its own such objects reachable)
        java.lang.ref.Reference.reachabilityFence(kp);
    }

    private static X509CertificateHolder selfSigned(SoftHsmToken token, KeyPair kp) throws Exception {
        X500Name name = DistinguishedNames.parse("CN=reinit");
        SignatureAlgorithm alg = SignatureAlgorithm.forKey(kp.getPrivate());
        Instant t = Instant.parse("2026-01-01T00:00:00Z");
        TBSCertificate tbs = TbsCertificates.build(BigInteger.TEN, alg, name, t, t.plusSeconds(86400), name,
                SubjectPublicKeyInfo.getInstance(kp.getPublic().getEncoded()), List.of());
        byte[] sig = token.sign(kp.getPrivate(), tbs.getEncoded("DER"));
        return new X509CertificateHolder(Certificate.getInstance(
                new DERSequence(new ASN1Encodable[] {tbs, alg.identifier(), new DERBitString(sig)})));
    }
}
