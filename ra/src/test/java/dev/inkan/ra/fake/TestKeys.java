package dev.inkan.ra.fake;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

/** Keys and CSRs for tests. Generated keys are cached: RSA generation is slow. */
public final class TestKeys {
    private static final java.util.Map<String, KeyPair> CACHE = new java.util.concurrent.ConcurrentHashMap<>();

    private TestKeys() {}

    public static KeyPair rsa(int bits) {
        return CACHE.computeIfAbsent("rsa" + bits, k -> generate("RSA", bits, null));
    }

    /** @param curve e.g. secp256r1, secp384r1, secp521r1 */
    public static KeyPair ec(String curve) {
        return CACHE.computeIfAbsent(curve, k -> generate("EC", 0, curve));
    }

    /** A fresh P-256 key, for tests that need keys distinct from every other. */
    public static KeyPair freshEc() {
        return generate("EC", 0, "secp256r1");
    }

    private static KeyPair generate(String alg, int bits, String curve) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance(alg);
            if (curve != null) {
                g.initialize(new ECGenParameterSpec(curve));
            } else {
                g.initialize(bits);
            }
            return g.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A CSR with the names as SAN dNSNames and the common name (or none if null). */
    public static byte[] csr(KeyPair key, String commonName, List<String> sans) {
        return csr(key, commonName, sans.stream().map(n -> new GeneralName(GeneralName.dNSName, n)).toList(),
                defaultAlgorithm(key));
    }

    public static byte[] csr(KeyPair key, String commonName, List<GeneralName> sans, String signatureAlgorithm) {
        try {
            X500NameBuilder subject = new X500NameBuilder(BCStyle.INSTANCE);
            if (commonName != null) {
                subject.addRDN(BCStyle.CN, commonName);
            }
            X500Name name = subject.build();
            JcaPKCS10CertificationRequestBuilder b = new JcaPKCS10CertificationRequestBuilder(name, key.getPublic());
            if (!sans.isEmpty()) {
                ExtensionsGenerator ext = new ExtensionsGenerator();
                ext.addExtension(Extension.subjectAlternativeName, false,
                        new GeneralNames(sans.toArray(GeneralName[]::new)));
                b.addAttribute(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest, ext.generate());
            }
            return b.build(new JcaContentSignerBuilder(signatureAlgorithm).build(key.getPrivate())).getEncoded();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static String defaultAlgorithm(KeyPair key) {
        return key.getPublic().getAlgorithm().equals("RSA") ? "SHA256withRSA" : "SHA256withECDSA";
    }
}
