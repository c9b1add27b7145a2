package dev.inkan.ra.limit;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The rate limits (Boulder's are the reference clients know), each a count per fixed window, and per-account
 * overrides of the count. A limit that is absent is not enforced.
 *
 * @param limits           by name ({@link #NEW_ACCOUNTS_PER_ADDRESS} ...)
 * @param accountOverrides account id to limit name to the count that account gets instead
 */
public record RateLimitConfig(Map<String, Limit> limits, Map<String, Map<String, Long>> accountOverrides) {
    /** New accounts from one IPv4 address or one IPv6 /48. */
    public static final String NEW_ACCOUNTS_PER_ADDRESS = "newAccountsPerAddressRange";
    /** New orders of one account. */
    public static final String NEW_ORDERS_PER_ACCOUNT = "newOrdersPerAccount";
    /** Finalized orders naming one registered domain (ICANN public suffix + 1). */
    public static final String CERTIFICATES_PER_DOMAIN = "certificatesPerRegisteredDomain";
    /** Finalized orders for exactly the same set of names. */
    public static final String DUPLICATE_CERTIFICATES = "duplicateCertificates";
    /** Failed validations of one name by one account. */
    public static final String FAILED_VALIDATIONS = "failedValidationsPerAccountAndName";
    /** Authorizations of one account pending at once (a count of a state, not of events: no window). */
    public static final String PENDING_AUTHORIZATIONS = "pendingAuthorizationsPerAccount";
    /** Every limit's name. */
    public static final java.util.Set<String> NAMES = java.util.Set.of(NEW_ACCOUNTS_PER_ADDRESS, NEW_ORDERS_PER_ACCOUNT,
            CERTIFICATES_PER_DOMAIN, DUPLICATE_CERTIFICATES, FAILED_VALIDATIONS, PENDING_AUTHORIZATIONS);

    /** @param count events allowed per window; 0 refuses every event */
    public record Limit(long count, Duration window) {
        public Limit {
            Objects.requireNonNull(window, "window");
            if (count < 0 || window.toSeconds() < 1) {
                throw new IllegalArgumentException("a rate limit needs a count of at least 0 and a window of at least"
                        + " one second, not " + count + " per " + window);
            }
        }
    }

    public RateLimitConfig {
        for (String name : limits.keySet()) {
            if (!NAMES.contains(name)) {
                throw new IllegalArgumentException("no rate limit is called \"" + name + "\"");
            }
        }
        limits = Map.copyOf(limits);
        Map<String, Map<String, Long>> copy = new HashMap<>();
        accountOverrides.forEach((k, v) -> copy.put(k, Map.copyOf(v)));
        accountOverrides = Map.copyOf(copy);
    }

    /** No limits at all. */
    public static RateLimitConfig none() {
        return new RateLimitConfig(Map.of(), Map.of());
    }

    /** The limit for this account, its configured override applied; null when the limit is not enforced. */
    Limit forAccount(String name, String accountId) {
        return forAccount(name, accountId, Map.of());
    }

    /**
     * The limit for this account with {@code stored} overrides (from the store) ahead of the configured ones; null
     * when the limit is not enforced. An override replaces the count, never the window.
     */
    Limit forAccount(String name, String accountId, Map<String, Long> stored) {
        Limit l = limits.get(name);
        if (l == null) {
            return null;
        }
        Long override = stored.get(name);
        if (override == null && accountId != null) {
            override = accountOverrides.getOrDefault(accountId, Map.of()).get(name);
        }
        return override == null ? l : new Limit(override, l.window());
    }
}
