package dev.inkan.app;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The TLS identity of the sandbox ACME listener: a software root (not the CA hierarchy, which signs
 * subscriber certificates only) and a server certificate for {@code localhost} and {@code 127.0.0.1}.
 * Clients trust {@code tls/tls-root.pem} (REQUESTS_CA_BUNDLE, LEGO_CA_CERTIFICATES, a Java trust store).
 * Made once per INKAN_HOME and reused while the server certificate has more than a week left.
 */
final class SandboxTls {
    private static final Duration SERVER_VALIDITY = Duration.ofDays(365);

    final Path rootPem;
    final Path certPem;
    final Path keyPem;

    SandboxTls(Path home) {
        Path dir = home.resolve("tls");
        this.rootPem = dir.resolve("tls-root.pem");
        this.certPem = dir.resolve("server.pem");
        this.keyPem = dir.resolve("server-key.pem");
    }

    /** Blocking: call from a worker or before Vert.x starts. */
    SandboxTls ensure(Clock clock) throws Exception {
        if (Files.isRegularFile(rootPem) && Files.isRegularFile(certPem) && Files.isRegularFile(keyPem)
                && !expiresSoon(clock)) {
            return this;
        }
        Files.createDirectories(rootPem.getParent());
        SecureRandom random = new SecureRandom();
        KeyPair rootKey = ecKey(random);
        KeyPair serverKey = ecKey(random);
        Instant now = clock.instant();
        X500Name rootName = new X500Name("CN=Inkan Sandbox TLS Root - NOT PUBLICLY TRUSTED,O=Inkan Sandbox");
        JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();

        X509v3CertificateBuilder root = new JcaX509v3CertificateBuilder(rootName, serial(random),
                Date.from(now.minus(Duration.ofMinutes(5))), Date.from(now.plus(Duration.ofDays(3650))),
                rootName, rootKey.getPublic())
                .addExtension(Extension.basicConstraints, true, new BasicConstraints(0))
                .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
                .addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(rootKey.getPublic()));
        X509CertificateHolder rootCert = root.build(signer(rootKey));

        X509v3CertificateBuilder server = new JcaX509v3CertificateBuilder(rootName, serial(random),
                Date.from(now.minus(Duration.ofMinutes(5))), Date.from(now.plus(SERVER_VALIDITY)),
                new X500Name("CN=localhost"), serverKey.getPublic())
                .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
                .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth))
                .addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                    new GeneralName(GeneralName.dNSName, "localhost"),
                    new GeneralName(GeneralName.iPAddress, "127.0.0.1")
                }))
                .addExtension(Extension.authorityKeyIdentifier, false,
                        ext.createAuthorityKeyIdentifier(rootKey.getPublic()));
        X509CertificateHolder serverCert = server.build(signer(rootKey));

        // PKCS#8 ("PRIVATE KEY"): Vert.x reads it; the SEC1 form BC writes for EC keys it does not
        writeAtomically(keyPem, pem(new org.bouncycastle.openssl.jcajce.JcaPKCS8Generator(serverKey.getPrivate(), null)),
                OWNER_ONLY);
        writeAtomically(certPem, pem(serverCert) + pem(rootCert), null);
        writeAtomically(rootPem, pem(rootCert), null);
        return this;
    }

    private boolean expiresSoon(Clock clock) throws IOException {
        String text = Files.readString(certPem);
        try (var parser = new org.bouncycastle.openssl.PEMParser(new java.io.StringReader(text))) {
            Object first = parser.readObject();
            if (first instanceof X509CertificateHolder holder) {
                return holder.getNotAfter().toInstant().isBefore(clock.instant().plus(Duration.ofDays(7)));
            }
            return true;
        }
    }

    private static KeyPair ecKey(SecureRandom random) throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"), random);
        return g.generateKeyPair();
    }

    private static BigInteger serial(SecureRandom random) {
        return new BigInteger(127, random).setBit(0);
    }

    private static ContentSigner signer(KeyPair key) throws Exception {
        return new JcaContentSignerBuilder("SHA256withECDSA").build(key.getPrivate());
    }

    private static String pem(Object o) throws IOException {
        StringWriter w = new StringWriter();
        try (JcaPEMWriter pw = new JcaPEMWriter(w)) {
            pw.writeObject(o);
        }
        return w.toString();
    }

    /** A private key is readable by the CA's own user only, from the moment the file exists. */
    static final java.util.Set<java.nio.file.attribute.PosixFilePermission> OWNER_ONLY =
            java.nio.file.attribute.PosixFilePermissions.fromString("rw-------");

    private static void writeAtomically(Path target, String content,
            java.util.Set<java.nio.file.attribute.PosixFilePermission> permissions) throws IOException {
        Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        if (permissions != null) {
            Files.createFile(tmp, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(permissions));
        }
        Files.writeString(tmp, content, StandardCharsets.US_ASCII);
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
