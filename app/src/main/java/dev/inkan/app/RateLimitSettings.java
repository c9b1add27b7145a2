package dev.inkan.app;

import dev.inkan.ra.limit.RateLimitConfig;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * The {@code rateLimits} section: each limit as {@code {count, windowSeconds}} (a limit set to null is not
 * enforced), per-account overrides of the counts under {@code accounts}, and {@code sandboxMultiplier}, by which
 * the sandbox profile multiplies every count so that tests and the bench never reach them.
 */
final class RateLimitSettings {
    private RateLimitSettings() {}

    static RateLimitConfig from(JsonObject section, boolean production) {
        JsonObject r = section == null ? new JsonObject() : section;
        long multiplier = production ? 1 : r.getLong("sandboxMultiplier", 1L);
        if (multiplier < 1) {
            throw new IllegalArgumentException("rateLimits.sandboxMultiplier must be at least 1");
        }
        Map<String, RateLimitConfig.Limit> limits = new HashMap<>();
        Map<String, Map<String, Long>> accounts = new HashMap<>();
        for (String name : r.fieldNames()) {
            if (name.equals("sandboxMultiplier")) {
                continue;
            }
            Object v = r.getValue(name);
            if (name.equals("accounts")) {
                if (!(v instanceof JsonObject overrides)) {
                    throw new IllegalArgumentException("rateLimits.accounts must map account ids to {limit: count}");
                }
                overrides.forEach(e -> {
                    if (!(e.getValue() instanceof JsonObject counts)) {
                        throw new IllegalArgumentException("rateLimits.accounts." + e.getKey() + " must be {limit: count}");
                    }
                    Map<String, Long> m = new HashMap<>();
                    counts.forEach(c -> m.put(c.getKey(), ((Number) c.getValue()).longValue()));
                    accounts.put(e.getKey(), m);
                });
                continue;
            }
            if (v == null) {
                continue;
            }
            // the pending-authorizations limit counts a state, not events in a window: it takes a count only
            boolean windowless = name.equals(RateLimitConfig.PENDING_AUTHORIZATIONS);
            if (!(v instanceof JsonObject l) || l.getLong("count") == null
                    || (!windowless && l.getLong("windowSeconds") == null)) {
                throw new IllegalArgumentException("rateLimits." + name + " must be " + (windowless
                        ? "{\"count\": n}" : "{\"count\": n, \"windowSeconds\": s}"));
            }
            limits.put(name, new RateLimitConfig.Limit(saturated(l.getLong("count"), multiplier),
                    Duration.ofSeconds(windowless ? 1 : l.getLong("windowSeconds"))));
        }
        try {
            return new RateLimitConfig(limits, accounts);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("rateLimits: " + e.getMessage(), e);
        }
    }

    private static long saturated(long count, long multiplier) {
        return count > Long.MAX_VALUE / multiplier ? Long.MAX_VALUE : count * multiplier;
    }
}
