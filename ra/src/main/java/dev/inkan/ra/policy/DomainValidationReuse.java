package dev.inkan.ra.policy;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * How long a domain validation may be reused before issuance (BR 4.2.1 and 3.2.2.4 after ballot SC-081),
 * as of a given instant, optionally capped shorter by the operator.
 *
 * <table>
 *   <caption>BR data-reuse schedule</caption>
 *   <tr><th>issued on or after</th><th>reuse period</th></tr>
 *   <tr><td>(before 2026-03-15)</td><td>398 days</td></tr>
 *   <tr><td>2026-03-15</td><td>200 days</td></tr>
 *   <tr><td>2027-03-15</td><td>100 days</td></tr>
 *   <tr><td>2029-03-15</td><td>10 days</td></tr>
 * </table>
 */
public final class DomainValidationReuse {
    /** SC-081 milestones, as zlint's CABF_SC081_*_MILESTONE constants (UTC midnight). */
    static final Instant SC081_FIRST = Instant.parse("2026-03-15T00:00:00Z");
    static final Instant SC081_SECOND = Instant.parse("2027-03-15T00:00:00Z");
    static final Instant SC081_THIRD = Instant.parse("2029-03-15T00:00:00Z");

    private final Duration cap;

    /** @param cap an operator maximum shorter than the BR period, or null for the BR period alone */
    public DomainValidationReuse(Duration cap) {
        if (cap != null && (cap.isNegative() || cap.isZero())) {
            throw new IllegalArgumentException("authorization reuse cap must be positive: " + cap);
        }
        this.cap = cap;
    }

    /** The BR 4.2.1 reuse period for a certificate issued at {@code at}. */
    public static Duration baselineWindow(Instant at) {
        if (at.isBefore(SC081_FIRST)) {
            return Duration.ofDays(398);
        }
        if (at.isBefore(SC081_SECOND)) {
            return Duration.ofDays(200);
        }
        if (at.isBefore(SC081_THIRD)) {
            return Duration.ofDays(100);
        }
        return Duration.ofDays(10);
    }

    /** The reuse period in force at {@code at}: the BR period, or the operator's cap if shorter. */
    public Duration window(Instant at) {
        Duration br = baselineWindow(at);
        return cap != null && cap.compareTo(br) < 0 ? cap : br;
    }

    /**
     * BR 3.2.2.4: the validation must have been completed within the reuse period before issuance. The
     * period is the one in force now, so a validation made under a longer period stops counting when a
     * shorter one begins.
     */
    public boolean stillReusable(Instant validatedAt, Instant now) {
        Objects.requireNonNull(validatedAt, "validatedAt");
        return now.isBefore(validatedAt.plus(window(now)));
    }

    /** The instant after which a validation made at {@code validatedAt} stops counting, seen from {@code now}. */
    public Instant reusableUntil(Instant validatedAt, Instant now) {
        return validatedAt.plus(window(now));
    }
}
