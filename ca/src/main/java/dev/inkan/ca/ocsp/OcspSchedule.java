package dev.inkan.ca.ocsp;

import java.time.Duration;
import java.util.Objects;

/**
 * How long OCSP answers last and when they are signed again. BR §4.9.10: validity between 8 hours and 10 days;
 * with validity of 16 hours or more, a new answer at least 8 hours before nextUpdate and at most 4 days after
 * thisUpdate. Mozilla: a new answer at least every 4 days.
 *
 * @param validity     nextUpdate − thisUpdate of each answer
 * @param refreshAfter an answer this old is signed again (in the background, while the old one is still served)
 * @param refreshEvery how often the responder looks for answers to refresh
 * @param maxCached    answers held in memory; the least recently used go first
 */
public record OcspSchedule(Duration validity, Duration refreshAfter, Duration refreshEvery, int maxCached) {
    static final Duration MIN_VALIDITY = Duration.ofHours(8);
    static final Duration MAX_VALIDITY = Duration.ofDays(10);

    public OcspSchedule {
        Objects.requireNonNull(validity, "validity");
        Objects.requireNonNull(refreshAfter, "refreshAfter");
        Objects.requireNonNull(refreshEvery, "refreshEvery");
        if (validity.compareTo(MIN_VALIDITY) < 0 || validity.compareTo(MAX_VALIDITY) > 0) {
            throw new IllegalArgumentException("OCSP validity must be 8 hours to 10 days (BR §4.9.10), not " + validity);
        }
        if (refreshAfter.compareTo(Duration.ofDays(4)) > 0
                || refreshAfter.compareTo(validity.minus(Duration.ofHours(8))) > 0 || refreshAfter.isNegative()) {
            throw new IllegalArgumentException("OCSP answers must be refreshed within 4 days and at least 8 hours "
                    + "before nextUpdate (BR §4.9.10): refreshAfter " + refreshAfter + ", validity " + validity);
        }
        if (refreshEvery.isNegative() || refreshEvery.isZero() || maxCached < 1) {
            throw new IllegalArgumentException("refreshEvery and maxCached must be positive");
        }
    }

    /** Valid 4 days, signed again after 2 (half the validity, as the CRL cadence), checked every minute. */
    public static OcspSchedule defaults() {
        return new OcspSchedule(Duration.ofDays(4), Duration.ofDays(2), Duration.ofMinutes(1), 100_000);
    }
}
