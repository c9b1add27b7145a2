package dev.inkan.ct;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** A software issuing CA and precertificates from it, for submissions to the fake logs. */
final class TestCertificates {
    final KeyPair caKey;
    final byte[] issuerDer;

    TestCertificates() throws Exception {
        caKey = ec();
        X500Name name = new X500Name("CN=Test Issuing CA");
        issuerDer = new JcaX509v3CertificateBuilder(name, BigInteger.ONE, Date.from(Instant.parse("2025-01-01T00:00:00Z")),
                Date.from(Instant.parse("2035-01-01T00:00:00Z")), name, caKey.getPublic())
                .addExtension(Extension.basicConstraints, true, new BasicConstraints(0))
                .build(new JcaContentSignerBuilder("SHA256withECDSA").build(caKey.getPrivate())).getEncoded();
    }

    static KeyPair ec() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        return g.generateKeyPair();
    }

    /** A precertificate (poison extension, critical NULL) valid from notBefore to notAfter. */
    byte[] precertificate(Instant notBefore, Instant notAfter) throws Exception {
        return new JcaX509v3CertificateBuilder(new X500Name("CN=Test Issuing CA"),
                new BigInteger(64, new java.security.SecureRandom()).setBit(70), Date.from(notBefore),
                Date.from(notAfter), new X500Name("CN=www.example.jp"), ec().getPublic())
                .addExtension(LogEntry.POISON, true, DERNull.INSTANCE)
                .build(new JcaContentSignerBuilder("SHA256withECDSA").build(caKey.getPrivate())).getEncoded();
    }
}
