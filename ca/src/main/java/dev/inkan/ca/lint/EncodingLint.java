package dev.inkan.ca.lint;

import dev.inkan.ca.SignatureAlgorithm;
import java.io.IOException;
import java.util.Arrays;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.x509.TBSCertificate;

/**
 * RFC 5280 §4.1 and BR 7.1.3: a v3 TBS in DER (re-encoding gives the same bytes), no unique identifiers, and a
 * signature AlgorithmIdentifier from the byte-exact list (BR 7.1.3.2).
 */
final class EncodingLint implements CertificateLint {
    @Override
    public String name() {
        return "der_encoding";
    }

    @Override
    public Optional<String> check(LintedCertificate c) {
        TBSCertificate tbs = c.certificate().toASN1Structure().getTBSCertificate();
        try {
            if (!Arrays.equals(TBSCertificate.getInstance(c.tbsDer()).getEncoded(ASN1Encoding.DER), c.tbsDer())) {
                return Optional.of("the TBSCertificate is not DER");
            }
        } catch (IOException | IllegalArgumentException e) {
            return Optional.of("the TBSCertificate does not parse: " + e.getMessage());
        }
        if (tbs.getVersionNumber() != 3) {
            return Optional.of("the certificate is not version 3");
        }
        if (tbs.getIssuerUniqueId() != null || tbs.getSubjectUniqueId() != null) {
            return Optional.of("unique identifiers are not allowed");
        }
        boolean known = Arrays.stream(SignatureAlgorithm.values())
                .anyMatch(a -> a.identifier().equals(tbs.getSignature()));
        if (!known) {
            return Optional.of("signature algorithm " + tbs.getSignature().getAlgorithm() + " is not allowed");
        }
        return Optional.empty();
    }
}
