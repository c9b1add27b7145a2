package dev.inkan.ca.issuance;

import dev.inkan.ca.CaUrls;
import dev.inkan.ca.Signer;
import dev.inkan.ca.profile.CertificateProfile;
import dev.inkan.ca.profile.LeafCertificateTemplate;
import dev.inkan.core.model.CaCertificate;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.PublicKey;
import java.security.cert.CertificateException;
import java.time.Instant;
import java.util.Collection;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;

/**
 * A profile bound to its issuing CA's certificate: the template and the issuer's own end of validity.
 *
 * @param issuerDer the issuer's certificate as the CT logs get it with every submission, encoded once
 * @param issuerKey the issuer's public key, which checks every signature the HSM returns, parsed once
 */
record IssuingProfile(CertificateProfile profile, LeafCertificateTemplate template, X509CertificateHolder issuer,
        byte[] issuerDer, PublicKey issuerKey) {

    static IssuingProfile bind(CertificateProfile profile, Collection<CaCertificate> caCertificates, CaUrls urls,
            Signer signer) {
        CaCertificate ca = caCertificates.stream()
                .filter(c -> c.id().equals(profile.issuerId()))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("profile '" + profile.name()
                        + "' is signed by CA '" + profile.issuerId() + "', which the ceremony has not made"));
        X509CertificateHolder issuer;
        PublicKey issuerKey;
        try {
            issuer = new X509CertificateHolder(ca.der());
            issuerKey = new JcaX509CertificateConverter().getCertificate(issuer).getPublicKey();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (CertificateException e) {
            throw new IllegalArgumentException("the certificate of CA '" + profile.issuerId() + "' does not parse", e);
        }
        return new IssuingProfile(profile,
                new LeafCertificateTemplate(profile, issuer, urls, signer.signatureAlgorithm(profile.issuerId())),
                issuer, ca.der().clone(), issuerKey);
    }

    Instant issuerNotAfter() {
        return issuer.getNotAfter().toInstant();
    }
}
