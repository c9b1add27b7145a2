package dev.inkan.core.port;

import io.vertx.core.Future;
import java.util.Map;

/**
 * Per-account and per-reseller counts that replace the configured rate limits, kept in the store so that every
 * front end on it applies the same ones. Each maps a limit's name to the count allowed instead; the window stays
 * the configured one.
 */
public interface RateLimitOverrides {
    /**
     * The counts for this account: for each limit, the account's own override, else the override of the reseller
     * whose customer the account is. Empty when neither has one.
     */
    Future<Map<String, Long>> forAccount(String accountId);

    /** Replaces the account's overrides; an empty map removes them. */
    Future<Void> setAccount(String accountId, Map<String, Long> counts);

    /** Replaces the overrides every customer account of this reseller gets; an empty map removes them. */
    Future<Void> setReseller(String resellerId, Map<String, Long> counts);
}
