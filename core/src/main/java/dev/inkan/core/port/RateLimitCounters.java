package dev.inkan.core.port;

import io.vertx.core.Future;
import java.time.Duration;
import java.time.Instant;

/**
 * Event counts behind the rate limits, kept in the store so that every front end counts the same events. Each key
 * counts in fixed windows of the given length, aligned on the epoch: an event at {@code now} falls in the window
 * that starts at {@code now - now mod window}.
 */
public interface RateLimitCounters {

    /** How many events the window holding {@code now} has counted under {@code key}. */
    Future<Long> count(String key, Duration window, Instant now);

    /** Counts one event unless the window holds {@code limit} already; true when it was counted. */
    Future<Boolean> take(String key, long limit, Duration window, Instant now);

    /** Counts one event, whatever the count. */
    Future<Void> add(String key, Duration window, Instant now);

    /** The start of the window holding {@code now}. */
    static Instant windowStart(Instant now, Duration window) {
        long size = window.toSeconds();
        long at = now.getEpochSecond();
        return Instant.ofEpochSecond(at - Math.floorMod(at, size));
    }
}
