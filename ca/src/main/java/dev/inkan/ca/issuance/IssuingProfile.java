package dev.inkan.ca.issuance;

import dev.inkan.ca.CaUrls;
import dev.inkan.ca.Signer;
import dev.inkan.ca.profile.CertificateProfile;
import dev.inkan.ca.profile.LeafCertificateTemplate;
import dev.inkan.core.model.CaCertificate;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Collection;
import org.bouncycastle.cert.X509CertificateHolder;

/** A profile bound to its issuing CA's certificate: the template and the issuer's own end of validity. */
record IssuingProfile(CertificateProfile profile, LeafCertificateTemplate template, X509CertificateHolder issuer) {

    static IssuingProfile bind(CertificateProfile profile, Collection<CaCertificate> caCertificates, CaUrls urls,
            Signer signer) {
        CaCertificate ca = caCertificates.stream()
                .filter(c -> c.id().equals(profile.issuerId()))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("profile '" + profile.name()
                        + "' is signed by CA '" + profile.issuerId() + "', which the ceremony has not made"));
        X509CertificateHolder issuer;
        try {
            issuer = new X509CertificateHolder(ca.der());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new IssuingProfile(profile,
                new LeafCertificateTemplate(profile, issuer, urls, signer.signatureAlgorithm(profile.issuerId())),
                issuer);
    }

    Instant issuerNotAfter() {
        return issuer.getNotAfter().toInstant();
    }
}
