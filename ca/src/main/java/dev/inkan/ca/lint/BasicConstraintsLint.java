package dev.inkan.ca.lint;

import java.util.Optional;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;

/** BR 7.1.2.7.8: basicConstraints, when present, says cA FALSE with no pathLenConstraint. */
final class BasicConstraintsLint implements CertificateLint {
    @Override
    public String name() {
        return "basic_constraints";
    }

    @Override
    public Optional<String> check(LintedCertificate c) {
        Extension ext = c.extension(Extension.basicConstraints);
        if (ext == null) {
            return Optional.empty();
        }
        BasicConstraints bc = BasicConstraints.getInstance(ext.getParsedValue());
        if (bc.isCA() || bc.getPathLenConstraint() != null) {
            return Optional.of("a subscriber certificate must not be a CA");
        }
        return Optional.empty();
    }
}
