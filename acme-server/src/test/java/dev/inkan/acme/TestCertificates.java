package dev.inkan.acme;

import dev.inkan.core.model.CaCertificate;
import dev.inkan.core.model.CertificateRecord;
import dev.inkan.core.model.CertificateStatus;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** A small CA and leaf certificates for download and revocation tests. */
public final class TestCertificates {
    private final KeyPair caKeys = ecKeyPair();
    private final byte[] caDer;

    public TestCertificates(Instant now) {
        this.caDer = sign("CN=Test DV CA", "CN=Test DV CA", caKeys.getPublic(), caKeys.getPrivate(), BigInteger.ONE, now);
    }

    public CaCertificate issuingCa() {
        return new CaCertificate("dv", "issuing", "CN=Test DV CA", "dv-key", "root", caDer, "00", Instant.EPOCH);
    }

    /** An ISSUED record of {@code accountId} for a certificate of {@code subjectKey}. */
    public CertificateRecord issued(String serial, String accountId, PublicKey subjectKey, Instant now) {
        byte[] der = sign("CN=Test DV CA", "CN=www.example.jp", subjectKey, caKeys.getPrivate(),
                new BigInteger(serial, 16), now);
        return new CertificateRecord(serial, "dv", accountId, "ord-x", CertificateStatus.ISSUED, new byte[0], der,
                List.of("www.example.jp"), "00", now, now.plus(Duration.ofDays(90)), now, null, null);
    }

    private static byte[] sign(String issuer, String subject, PublicKey key, PrivateKey signer, BigInteger serial,
            Instant now) {
        try {
            var builder = new JcaX509v3CertificateBuilder(new X500Name(issuer), serial, Date.from(now),
                    Date.from(now.plus(Duration.ofDays(90))), new X500Name(subject), key);
            return builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(signer)).getEncoded();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyPair ecKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
