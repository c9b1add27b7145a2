package dev.inkan.bench;

import java.io.ByteArrayInputStream;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** TLS trust for the clients, and the throwaway certificate Pebble's HTTPS listener needs. */
final class Tls {
    private Tls() {}

    /** An SSL context trusting exactly the certificates in a PEM file. */
    static SSLContext trusting(Path pem) throws Exception {
        KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
        ks.load(null, null);
        int i = 0;
        for (var cert : CertificateFactory.getInstance("X.509")
                .generateCertificates(new ByteArrayInputStream(Files.readAllBytes(pem)))) {
            ks.setCertificateEntry("root" + i++, cert);
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(ks);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, tmf.getTrustManagers(), null);
        return ctx;
    }

    /**
     * Writes {@code root.pem}, {@code cert.pem} and {@code key.pem} into {@code dir}: a P-256 root valid for a day
     * and a leaf for localhost and 127.0.0.1 it signed. Debian's pebble ships no test certificates.
     */
    static void writeLocalhostCertificate(Path dir) throws Exception {
        Files.createDirectories(dir);
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair rootKey = g.generateKeyPair();
        KeyPair leafKey = g.generateKeyPair();
        Instant now = Instant.now();
        Date from = Date.from(now.minus(Duration.ofHours(1)));
        Date to = Date.from(now.plus(Duration.ofDays(1)));
        X500Name rootName = new X500Name("CN=Inkan bench TLS root for pebble");
        var rootBuilder = new JcaX509v3CertificateBuilder(rootName, new BigInteger(64, new SecureRandom()), from, to,
                rootName, rootKey.getPublic())
                .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
                .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign));
        X509Certificate root = new JcaX509CertificateConverter().getCertificate(
                rootBuilder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(rootKey.getPrivate())));
        var leafBuilder = new JcaX509v3CertificateBuilder(rootName, new BigInteger(64, new SecureRandom()), from, to,
                new X500Name("CN=localhost"), leafKey.getPublic())
                .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                .addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                        new GeneralName(GeneralName.dNSName, "localhost"),
                        new GeneralName(GeneralName.iPAddress, "127.0.0.1")}));
        X509Certificate leaf = new JcaX509CertificateConverter().getCertificate(
                leafBuilder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(rootKey.getPrivate())));
        Files.writeString(dir.resolve("root.pem"), pem(root));
        Files.writeString(dir.resolve("cert.pem"), pem(leaf));
        // PKCS#8, which Go's crypto/tls reads for every key type
        Files.writeString(dir.resolve("key.pem"), "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(leafKey.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n");
    }

    private static String pem(Object o) throws Exception {
        StringWriter s = new StringWriter();
        try (JcaPEMWriter w = new JcaPEMWriter(s)) {
            w.writeObject(o);
        }
        return s.toString();
    }
}
