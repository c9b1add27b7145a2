package dev.inkan.ca.profile;

import dev.inkan.ca.SignatureAlgorithm;
import java.math.BigInteger;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x509.TBSCertificate;
import org.bouncycastle.asn1.x509.Time;
import org.bouncycastle.asn1.x509.V3TBSCertificateGenerator;

/** Assembles a v3 TBSCertificate (RFC 5280 §4.1) from its fields; nothing here signs. */
public final class TbsCertificates {
    private TbsCertificates() {}

    /**
     * @param issuer the issuing CA certificate's subject exactly as encoded there (BR §7.1.4: byte-identical)
     */
    public static TBSCertificate build(
            BigInteger serial,
            SignatureAlgorithm algorithm,
            X500Name issuer,
            Instant notBefore,
            Instant notAfter,
            X500Name subject,
            SubjectPublicKeyInfo spki,
            List<Extension> extensions) {
        V3TBSCertificateGenerator g = new V3TBSCertificateGenerator();
        g.setSerialNumber(new ASN1Integer(serial));
        g.setSignature(algorithm.identifier());
        g.setIssuer(issuer);
        // RFC 5280 §4.1.2.5: UTCTime through 2049, GeneralizedTime from 2050; whole seconds only
        g.setStartDate(new Time(Date.from(notBefore)));
        g.setEndDate(new Time(Date.from(notAfter)));
        g.setSubject(subject);
        g.setSubjectPublicKeyInfo(spki);
        if (!extensions.isEmpty()) {
            g.setExtensions(new Extensions(extensions.toArray(new Extension[0])));
        }
        return g.generateTBSCertificate();
    }
}
