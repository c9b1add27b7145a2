package dev.inkan.ca.lint;

import java.util.Optional;
import org.bouncycastle.asn1.x509.GeneralName;

/** BR 7.1.2.7.12: a subjectAltName with at least one name, dNSName only (this CA certifies no IP addresses). */
final class SubjectAltNamePresentLint implements CertificateLint {
    @Override
    public String name() {
        return "san_present";
    }

    @Override
    public Optional<String> check(LintedCertificate c) {
        if (c.subjectAltNames().isEmpty()) {
            return Optional.of("the certificate has no subjectAltName names");
        }
        if (c.subjectAltNames().stream().anyMatch(n -> n.getTagNo() != GeneralName.dNSName)) {
            return Optional.of("the subjectAltName holds a name that is not a dNSName");
        }
        return Optional.empty();
    }
}
