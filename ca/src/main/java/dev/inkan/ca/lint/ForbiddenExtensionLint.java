package dev.inkan.ca.lint;

import dev.inkan.ca.profile.CtExtensions;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x509.Extension;

/**
 * BR 7.1.2.7.6: only the extensions the subscriber profile lists; anything else (nameConstraints, policy
 * mappings, private extensions, ...) is refused. The poison belongs to precertificates, the SCT list to final
 * certificates, never both (RFC 6962 §3.1, §3.3).
 */
final class ForbiddenExtensionLint implements CertificateLint {
    private static final Set<ASN1ObjectIdentifier> ALLOWED = Set.of(
            Extension.keyUsage, Extension.extendedKeyUsage, Extension.basicConstraints,
            Extension.authorityKeyIdentifier, Extension.subjectKeyIdentifier, Extension.authorityInfoAccess,
            Extension.subjectAlternativeName, Extension.certificatePolicies, Extension.cRLDistributionPoints,
            CtExtensions.POISON, CtExtensions.SCT_LIST);

    @Override
    public String name() {
        return "forbidden_extension";
    }

    @Override
    public Optional<String> check(LintedCertificate c) {
        Optional<ASN1ObjectIdentifier> other = Arrays.stream(c.certificate().getExtensions().getExtensionOIDs())
                .filter(oid -> !ALLOWED.contains(oid))
                .findFirst();
        if (other.isPresent()) {
            return Optional.of("extension " + other.get() + " is not allowed in a subscriber certificate");
        }
        boolean poison = c.extension(CtExtensions.POISON) != null;
        boolean scts = c.extension(CtExtensions.SCT_LIST) != null;
        if (poison && scts) {
            return Optional.of("a certificate carries either the CT poison or an SCT list, not both");
        }
        return Optional.empty();
    }
}
