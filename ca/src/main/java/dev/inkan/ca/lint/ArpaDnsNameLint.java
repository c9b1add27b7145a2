package dev.inkan.ca.lint;

import dev.inkan.core.policy.ReverseZoneNames;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * BR SC-086 (zlint {@code e_arpa_domain_not_allowed}): no dNSName under {@code .arpa} in a certificate whose
 * notBefore is on or after 2026-03-15. The RA refuses such names at newOrder; this is the second line.
 */
final class ArpaDnsNameLint implements CertificateLint {
    @Override
    public String name() {
        return "dnsname_not_arpa";
    }

    @Override
    public Optional<String> check(LintedCertificate c) {
        Instant notBefore = c.certificate().getNotBefore().toInstant();
        return c.dnsNames().stream().map(n -> ReverseZoneNames.problem(n, notBefore)).filter(Objects::nonNull)
                .findFirst();
    }
}
