package dev.inkan.ca.crl;

import java.time.Duration;
import java.util.Objects;

/**
 * When CRLs are made and how long they last.
 *
 * @param interval     the longest time between two CRLs of a CA (CP 002 §2.3, §4.9.7: every 24 hours, whether or not
 *                     anything was revoked)
 * @param validity     nextUpdate − thisUpdate (CP 002 table 7.2.1: 96 hours; BR §7.2.2: at most 10 days)
 * @param pollEvery    how often the publisher checks whether a CRL is due or another process recorded a revocation
 * @param shards       partitions per CA; 1 is one full CRL per CA at {@code CaUrls.crl(caId)}. Fixed for the life
 *                     of a CA, since certificates name their shard
 * @param expiredGrace how long an entry stays after its certificate expired: BR §7.2.2 keeps it until it appeared on
 *                     at least one scheduled CRL after expiry, which twice the interval guarantees
 */
public record CrlSchedule(Duration interval, Duration validity, Duration pollEvery, int shards, Duration expiredGrace) {
    public CrlSchedule {
        Objects.requireNonNull(interval, "interval");
        Objects.requireNonNull(validity, "validity");
        Objects.requireNonNull(pollEvery, "pollEvery");
        Objects.requireNonNull(expiredGrace, "expiredGrace");
        if (interval.isNegative() || interval.isZero() || pollEvery.isNegative() || pollEvery.isZero()) {
            throw new IllegalArgumentException("CRL interval and poll period must be positive");
        }
        if (validity.compareTo(interval) <= 0 || validity.compareTo(CrlLint.MAX_VALIDITY) > 0) {
            throw new IllegalArgumentException("CRL validity must be longer than the interval (" + interval
                    + ") and at most 10 days (BR §7.2.2), not " + validity);
        }
        if (shards < 1) {
            throw new IllegalArgumentException("a CA has at least one CRL, not " + shards);
        }
        if (expiredGrace.compareTo(interval) <= 0) {
            throw new IllegalArgumentException("expired entries must stay longer than one interval (BR §7.2.2)");
        }
    }

    /** CP 002: every 24 h, valid 96 h; polled every 10 s; one full CRL per CA; expired entries kept 48 h. */
    public static CrlSchedule defaults() {
        return new CrlSchedule(Duration.ofHours(24), Duration.ofHours(96), Duration.ofSeconds(10), 1,
                Duration.ofHours(48));
    }

    public CrlSchedule withShards(int n) {
        return new CrlSchedule(interval, validity, pollEvery, n, expiredGrace);
    }

    public CrlSchedule withPollEvery(Duration d) {
        return new CrlSchedule(interval, validity, d, shards, expiredGrace);
    }
}
