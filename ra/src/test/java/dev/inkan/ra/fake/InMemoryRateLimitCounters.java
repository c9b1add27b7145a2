package dev.inkan.ra.fake;

import dev.inkan.core.port.RateLimitCounters;
import io.vertx.core.Future;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Rate limit counts in a map, with the store's fixed windows. */
public final class InMemoryRateLimitCounters implements RateLimitCounters {
    private final Map<String, Long> counts = new ConcurrentHashMap<>();

    private static String id(String key, Duration window, Instant now) {
        return key + "@" + RateLimitCounters.windowStart(now, window).getEpochSecond();
    }

    @Override
    public Future<Long> count(String key, Duration window, Instant now) {
        return Future.succeededFuture(counts.getOrDefault(id(key, window, now), 0L));
    }

    @Override
    public synchronized Future<Boolean> take(String key, long limit, Duration window, Instant now) {
        String id = id(key, window, now);
        long n = counts.getOrDefault(id, 0L);
        if (n >= limit) {
            return Future.succeededFuture(false);
        }
        counts.put(id, n + 1);
        return Future.succeededFuture(true);
    }

    @Override
    public synchronized Future<Void> add(String key, Duration window, Instant now) {
        counts.merge(id(key, window, now), 1L, Long::sum);
        return Future.succeededFuture();
    }
}
