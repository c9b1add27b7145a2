package dev.inkan.app;

import dev.inkan.ca.SignatureAlgorithm;
import dev.inkan.ca.Signer;
import dev.inkan.core.model.CaCertificate;
import io.vertx.core.Future;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A DV issuing CA and its OCSP responder with software P-256 keys, and a {@link Signer} over them: the status
 * routes tested without an HSM (the HSM path is tested in the ca module and the interop tests).
 */
final class SoftwareHierarchy implements Signer {
    final KeyPair caKey = ec();
    final KeyPair responderKey = ec();
    final List<CaCertificate> certificates;
    /** The keys the signer holds, by key id; a responder rotation adds one, destroying a retired one removes it. */
    private final Map<String, KeyPair> keys = new java.util.concurrent.ConcurrentHashMap<>();

    SoftwareHierarchy(Instant now) {
        try {
            X500Name ca = new X500Name("CN=Software DV CA,O=Inkan Test,C=JP");
            byte[] caDer = cert(ca, ca, caKey, caKey, now, null);
            byte[] responderDer = cert(ca, new X500Name("CN=Software DV OCSP,O=Inkan Test,C=JP"), responderKey, caKey,
                    now, KeyPurposeId.id_kp_OCSPSigning);
            certificates = List.of(
                    new CaCertificate("dv", "issuing", "CN=Software DV CA", "dv", "dv", caDer, "00", now),
                    new CaCertificate("ocsp-dv", "ocsp", "CN=Software DV OCSP", "ocsp-dv", "dv", responderDer, "01", now));
            keys.put("dv", caKey);
            keys.put("ocsp-dv", responderKey);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A new responder generation {@code id} for the DV CA, as a rotation makes it: a new key and certificate. */
    CaCertificate newResponder(String id, Instant now) {
        try {
            KeyPair key = ec();
            byte[] der = cert(new X500Name("CN=Software DV CA,O=Inkan Test,C=JP"),
                    new X500Name("CN=Software DV OCSP " + id + ",O=Inkan Test,C=JP"), key, caKey, now,
                    KeyPurposeId.id_kp_OCSPSigning);
            keys.put(id, key);
            return new CaCertificate(id, "ocsp", "CN=Software DV OCSP " + id, id, "dv", der, "02", now);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The key {@code id} leaves the signer, as a retired responder's key destroyed in the token. */
    void destroy(String id) {
        keys.remove(id);
    }

    private static KeyPair ec() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"));
            return g.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] cert(X500Name issuer, X500Name subject, KeyPair key, KeyPair signer, Instant now,
            KeyPurposeId eku) throws Exception {
        SubjectPublicKeyInfo spki = SubjectPublicKeyInfo.getInstance(key.getPublic().getEncoded());
        X509v3CertificateBuilder b = new X509v3CertificateBuilder(issuer, BigInteger.valueOf(now.toEpochMilli()),
                Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(Duration.ofDays(365))), subject, spki);
        b.addExtension(Extension.subjectKeyIdentifier, false, new SubjectKeyIdentifier(
                MessageDigest.getInstance("SHA-1").digest(spki.getPublicKeyData().getBytes())));
        if (eku != null) {
            b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(eku));
        }
        return b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(signer.getPrivate())).getEncoded();
    }

    @Override
    public SignatureAlgorithm signatureAlgorithm(String caId) {
        return SignatureAlgorithm.ECDSA_WITH_SHA256;
    }

    @Override
    public Future<byte[]> sign(String caId, byte[] toBeSigned) {
        KeyPair key = keys.get(caId);
        if (key == null) {
            return Future.failedFuture(new IllegalArgumentException("no key " + caId));
        }
        try {
            Signature s = Signature.getInstance("SHA256withECDSA");
            s.initSign(key.getPrivate());
            s.update(toBeSigned);
            return Future.succeededFuture(s.sign());
        } catch (Exception e) {
            return Future.failedFuture(e);
        }
    }

    static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }
}
