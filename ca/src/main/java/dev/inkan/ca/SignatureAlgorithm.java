package dev.inkan.ca;

import java.security.Key;
import java.security.interfaces.ECKey;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;

/**
 * The signature algorithms CA keys sign with, with their byte-exact AlgorithmIdentifiers (BR §7.1.3.2):
 * sha256WithRSAEncryption {@code 300d06092a864886f70d01010b0500} (NULL parameters present) and
 * ecdsa-with-SHA256 {@code 300a06082a8648ce3d040302} (parameters absent).
 */
public enum SignatureAlgorithm {
    SHA256_WITH_RSA("SHA256withRSA",
            new AlgorithmIdentifier(PKCSObjectIdentifiers.sha256WithRSAEncryption, DERNull.INSTANCE)),
    ECDSA_WITH_SHA256("SHA256withECDSA", new AlgorithmIdentifier(X9ObjectIdentifiers.ecdsa_with_SHA256));

    private final String jcaName;
    private final AlgorithmIdentifier identifier;

    SignatureAlgorithm(String jcaName, AlgorithmIdentifier identifier) {
        this.jcaName = jcaName;
        this.identifier = identifier;
    }

    /** The name for {@code java.security.Signature.getInstance}. */
    public String jcaName() {
        return jcaName;
    }

    /** What goes in TBSCertificate.signature, Certificate.signatureAlgorithm and their CRL and OCSP peers. */
    public AlgorithmIdentifier identifier() {
        return identifier;
    }

    /** BR §7.1.3.2: RSA keys sign with SHA-256 (any size); an ECDSA key's hash is tied to its curve, P-256 here. */
    public static SignatureAlgorithm forKey(Key key) {
        switch (key.getAlgorithm()) {
            case "RSA":
                return SHA256_WITH_RSA;
            case "EC":
                if (key instanceof ECKey ec && ec.getParams().getCurve().getField().getFieldSize() != 256) {
                    throw new IllegalArgumentException("only P-256 CA keys are supported, got a "
                            + ec.getParams().getCurve().getField().getFieldSize() + "-bit curve");
                }
                return ECDSA_WITH_SHA256;
            default:
                throw new IllegalArgumentException("no signature algorithm for a " + key.getAlgorithm() + " key");
        }
    }

    /** The same choice made from a certificate's public key, e.g. an issuing CA certificate. */
    public static SignatureAlgorithm forPublicKey(SubjectPublicKeyInfo spki) {
        AlgorithmIdentifier alg = spki.getAlgorithm();
        if (alg.getAlgorithm().equals(PKCSObjectIdentifiers.rsaEncryption)) {
            return SHA256_WITH_RSA;
        }
        if (alg.getAlgorithm().equals(X9ObjectIdentifiers.id_ecPublicKey)
                && X9ObjectIdentifiers.prime256v1.equals(alg.getParameters())) {
            return ECDSA_WITH_SHA256;
        }
        throw new IllegalArgumentException("no signature algorithm for key algorithm " + alg.getAlgorithm());
    }
}
