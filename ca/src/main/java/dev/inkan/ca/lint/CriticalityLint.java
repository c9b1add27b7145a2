package dev.inkan.ca.lint;

import dev.inkan.ca.profile.CtExtensions;
import java.util.Map;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x509.Extension;

/**
 * BR 7.1.2.7.6 criticality: keyUsage and basicConstraints critical, the CT poison critical (RFC 6962 §3.1), the
 * subjectAltName critical exactly when the subject is empty, every other extension non-critical.
 */
final class CriticalityLint implements CertificateLint {
    private static final Map<ASN1ObjectIdentifier, Boolean> FIXED = Map.of(
            Extension.keyUsage, true, Extension.basicConstraints, true, CtExtensions.POISON, true);

    @Override
    public String name() {
        return "extension_criticality";
    }

    @Override
    public Optional<String> check(LintedCertificate c) {
        boolean emptySubject = c.certificate().getSubject().getRDNs().length == 0;
        for (ASN1ObjectIdentifier oid : c.certificate().getExtensions().getExtensionOIDs()) {
            boolean wanted = oid.equals(Extension.subjectAlternativeName) ? emptySubject : FIXED.getOrDefault(oid, false);
            if (c.extension(oid).isCritical() != wanted) {
                return Optional.of("extension " + oid + " must be " + (wanted ? "critical" : "non-critical"));
            }
        }
        return Optional.empty();
    }
}
