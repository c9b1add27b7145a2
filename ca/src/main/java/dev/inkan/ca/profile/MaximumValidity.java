package dev.inkan.ca.profile;

import java.time.Duration;
import java.time.Instant;

/**
 * BR §6.3.2 (SC-081): the longest validity period a subscriber certificate may have, by issuance date. The period
 * counts notBefore through notAfter inclusive, so it is {@code notAfter - notBefore + 1 s}.
 */
public final class MaximumValidity {
    static final Instant FIRST_STEP = Instant.parse("2026-03-15T00:00:00Z");
    static final Instant SECOND_STEP = Instant.parse("2027-03-15T00:00:00Z");
    static final Instant THIRD_STEP = Instant.parse("2029-03-15T00:00:00Z");

    private MaximumValidity() {}

    /** The cap for a certificate issued at this instant. */
    public static Duration at(Instant issuance) {
        if (issuance.isBefore(FIRST_STEP)) {
            return Duration.ofDays(398);
        }
        if (issuance.isBefore(SECOND_STEP)) {
            return Duration.ofDays(200);
        }
        if (issuance.isBefore(THIRD_STEP)) {
            return Duration.ofDays(100);
        }
        return Duration.ofDays(47);
    }

    /** notAfter for a wanted period starting at notBefore, cut to the cap; the period counts the last second. */
    public static Instant notAfter(Instant notBefore, Duration wanted) {
        Duration cap = at(notBefore);
        Duration period = wanted.compareTo(cap) > 0 ? cap : wanted;
        return notBefore.plus(period).minusSeconds(1);
    }
}
