package dev.inkan.ca.crl;

import dev.inkan.core.model.CaCertificate;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.cert.X509CertificateHolder;

/**
 * An issuing CA as its CRL needs it. BR §7.2.2 and seed-002 §10.13: the CRL issuer is the CA certificate's subject
 * byte for byte, and the AKI is the CA certificate's SKI, copied rather than recomputed.
 */
record CrlIssuer(String caId, X509CertificateHolder certificate, X500Name subject, byte[] subjectDer, byte[] keyId) {

    static CrlIssuer of(CaCertificate ca) {
        try {
            X509CertificateHolder cert = new X509CertificateHolder(ca.der());
            X500Name subject = X500Name.getInstance(cert.toASN1Structure().getTBSCertificate().getSubject());
            Extension ski = cert.getExtension(Extension.subjectKeyIdentifier);
            if (ski == null) {
                throw new IllegalArgumentException("CA certificate '" + ca.id() + "' has no subjectKeyIdentifier");
            }
            return new CrlIssuer(ca.id(), cert, subject, subject.getEncoded(ASN1Encoding.DER),
                    SubjectKeyIdentifier.getInstance(ski.getParsedValue()).getKeyIdentifier());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Instant notAfter() {
        return certificate.getNotAfter().toInstant();
    }
}
