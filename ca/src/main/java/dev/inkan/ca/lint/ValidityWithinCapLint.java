package dev.inkan.ca.lint;

import dev.inkan.ca.profile.MaximumValidity;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** BR 6.3.2 (SC-081): notBefore through notAfter, counted inclusively, within the cap for the issuance date. */
final class ValidityWithinCapLint implements CertificateLint {
    @Override
    public String name() {
        return "validity_within_cap";
    }

    @Override
    public Optional<String> check(LintedCertificate c) {
        Instant notBefore = c.certificate().getNotBefore().toInstant();
        Instant notAfter = c.certificate().getNotAfter().toInstant();
        // BR 1.6.1: the validity period includes the last second
        Duration period = Duration.between(notBefore, notAfter).plusSeconds(1);
        Duration cap = MaximumValidity.at(notBefore);
        if (period.isNegative() || period.isZero()) {
            return Optional.of("notAfter is before notBefore");
        }
        if (period.compareTo(cap) > 0) {
            return Optional.of("the validity period of " + period.toSeconds() + " s exceeds the " + cap.toDays()
                    + "-day cap for certificates issued at " + notBefore);
        }
        return Optional.empty();
    }
}
