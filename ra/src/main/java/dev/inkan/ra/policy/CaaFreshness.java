package dev.inkan.ra.policy;

import dev.inkan.core.model.CaaResult;
import java.time.Duration;
import java.time.Instant;

/**
 * BR 3.2.2.8: the CA issues "within the TTL of the CAA record, or 8 hours, whichever is greater" after checking CAA.
 * A result older than that must be checked again before issuance.
 */
public final class CaaFreshness {
    static final Duration MINIMUM = Duration.ofHours(8);

    /** The instant after which this result may no longer be relied on. */
    public Instant usableUntil(CaaResult result) {
        Duration ttl = result.ttl();
        return result.checkedAt().plus(ttl.compareTo(MINIMUM) > 0 ? ttl : MINIMUM);
    }

    /** A permitting result still inside its window at {@code now}. */
    public boolean stillPermits(CaaResult result, Instant now) {
        return result.permitted() && now.isBefore(usableUntil(result));
    }
}
