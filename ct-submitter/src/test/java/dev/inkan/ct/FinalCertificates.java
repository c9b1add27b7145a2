package dev.inkan.ct;

import java.io.ByteArrayOutputStream;
import java.util.List;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.x509.Certificate;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** The final certificate of a test precertificate: the poison replaced by the SCT list (RFC 6962 §3.3). */
final class FinalCertificates {
    private FinalCertificates() {}

    static byte[] withScts(TestCertificates certs, byte[] precertDer, List<byte[]> scts) throws Exception {
        X509CertificateHolder pre = new X509CertificateHolder(Certificate.getInstance(precertDer));
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (byte[] s : scts) {
            body.write(s.length >> 8);
            body.write(s.length);
            body.writeBytes(s);
        }
        byte[] b = body.toByteArray();
        ByteArrayOutputStream list = new ByteArrayOutputStream();
        list.write(b.length >> 8);
        list.write(b.length);
        list.writeBytes(b);
        X509v3CertificateBuilder builder = new X509v3CertificateBuilder(pre.getIssuer(), pre.getSerialNumber(),
                pre.getNotBefore(), pre.getNotAfter(), pre.getSubject(), pre.getSubjectPublicKeyInfo());
        builder.addExtension(new Extension(new org.bouncycastle.asn1.ASN1ObjectIdentifier("1.3.6.1.4.1.11129.2.4.2"),
                false, new DEROctetString(list.toByteArray()).getEncoded()));
        return builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(certs.caKey.getPrivate()))
                .getEncoded();
    }
}
