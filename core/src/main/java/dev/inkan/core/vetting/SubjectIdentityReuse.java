package dev.inkan.core.vetting;

import java.time.Duration;
import java.time.Instant;

/**
 * BR 4.2.1: how long validated Subject Identity Information (the vetted organization) may be reused, keyed on
 * the time of signing: 825 days before 2026-03-15, 398 days from then (SC-081).
 */
public final class SubjectIdentityReuse {
    public static final Instant SC081_EFFECTIVE = Instant.parse("2026-03-15T00:00:00Z");
    static final Duration BEFORE = Duration.ofDays(825);
    static final Duration FROM_2026_03_15 = Duration.ofDays(398);

    private SubjectIdentityReuse() {}

    /** The longest a vetting may be reused by a certificate signed at {@code signingTime}. */
    public static Duration maxAge(Instant signingTime) {
        return signingTime.isBefore(SC081_EFFECTIVE) ? BEFORE : FROM_2026_03_15;
    }

    /** Whether data validated at {@code validatedAt} may still name the subject of a certificate signed at {@code at}. */
    public static boolean reusable(Instant validatedAt, Instant at) {
        return !validatedAt.isAfter(at) && at.isBefore(validatedAt.plus(maxAge(at)));
    }
}
