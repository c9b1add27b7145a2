package dev.inkan.ra.limit;

import com.google.common.net.InternetDomainName;
import dev.inkan.core.error.CaException;
import dev.inkan.core.model.Identifier;
import dev.inkan.core.port.AuthorizationStore;
import dev.inkan.core.port.RateLimitCounters;
import dev.inkan.core.port.RateLimitOverrides;
import dev.inkan.ra.limit.RateLimitConfig.Limit;
import io.vertx.core.Future;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.TreeSet;

/**
 * The rate limits, counted in the store's {@link RateLimitCounters} so that every front end shares them. A limit
 * reached is {@code rateLimited} (RFC 8555 §6.7) with the time the window ends as Retry-After.
 */
public final class RateLimits {
    /** How long a front end keeps an account's stored overrides before reading them again. */
    public static final Duration OVERRIDES_FRESH = Duration.ofSeconds(10);

    private final RateLimitConfig config;
    private final RateLimitCounters counters;
    private final RateLimitOverrides overrides;
    private final Duration overridesFresh;
    private final Clock clock;
    private final Map<String, Cached> cached = new ConcurrentHashMap<>();

    private record Cached(Map<String, Long> counts, long readAtNanos) {}

    /** Limits with the configured overrides only. */
    public RateLimits(RateLimitConfig config, RateLimitCounters counters, Clock clock) {
        this(config, counters, null, Duration.ZERO, clock);
    }

    /**
     * Limits with stored per-account and per-reseller overrides ahead of the configured ones, each account's read
     * again once {@code overridesFresh} has passed (zero: at every check).
     */
    public RateLimits(RateLimitConfig config, RateLimitCounters counters, RateLimitOverrides overrides,
            Duration overridesFresh, Clock clock) {
        this.config = config;
        this.counters = counters;
        this.overrides = overrides;
        this.overridesFresh = overridesFresh;
        this.clock = clock;
    }

    /** The stored overrides of this account (its own, else its reseller's); empty without a store or an account. */
    private Future<Map<String, Long>> stored(String accountId) {
        if (overrides == null || accountId == null || accountId.isEmpty()) {
            return Future.succeededFuture(Map.of());
        }
        // freshness of a cache, not a rule of the CA: measured on the monotonic clock
        long now = System.nanoTime();
        Cached c = cached.get(accountId);
        if (c != null && now - c.readAtNanos() < overridesFresh.toNanos()) {
            return Future.succeededFuture(c.counts());
        }
        return overrides.forAccount(accountId).onSuccess(counts -> {
            if (cached.size() > 10_000) {
                cached.clear();
            }
            cached.put(accountId, new Cached(counts, now));
        });
    }

    private Future<Limit> limit(String name, String accountId) {
        return stored(accountId).map(m -> config.forAccount(name, accountId, m));
    }

    /**
     * Refuses a new order while the account has as many pending authorizations as its limit allows (Boulder's
     * pending-authorizations limit); Retry-After is when the first of them expires. An order may still take the
     * count past the limit by its own names, never further.
     */
    public Future<Void> pendingAuthorizationsAllowed(String accountId,
            java.util.function.Function<Instant, Future<AuthorizationStore.Pending>> pendingAt) {
        return limit(RateLimitConfig.PENDING_AUTHORIZATIONS, accountId).compose(l -> {
            if (l == null) {
                return Future.succeededFuture();
            }
            Instant now = clock.instant();
            return pendingAt.apply(now).compose(p -> {
                if (p.count() < l.count()) {
                    return Future.succeededFuture();
                }
                Duration retry = p.firstExpiry() == null ? Duration.ofSeconds(1)
                        : Duration.between(now, p.firstExpiry()).plusSeconds(1);
                return Future.failedFuture(CaException.rateLimited("too many pending authorizations for this"
                        + " account (at most " + l.count() + "); complete or deactivate some, or retry after "
                        + now.plus(retry), retry));
            });
        });
    }

    /** Counts a new account from this client address; null (unknown address) is not limited. */
    public Future<Void> newAccount(String clientAddress) {
        String range = addressRange(clientAddress);
        if (range == null) {
            return Future.succeededFuture();
        }
        return take(RateLimitConfig.NEW_ACCOUNTS_PER_ADDRESS,
                config.forAccount(RateLimitConfig.NEW_ACCOUNTS_PER_ADDRESS, null), "address:" + range,
                "too many new accounts from " + range);
    }

    /** Counts a new order of this account. */
    public Future<Void> newOrder(String accountId) {
        return limit(RateLimitConfig.NEW_ORDERS_PER_ACCOUNT, accountId).compose(l -> take(
                RateLimitConfig.NEW_ORDERS_PER_ACCOUNT, l, "orders:" + accountId, "too many new orders from this account"));
    }

    /**
     * Refuses a certificate for these names when the set was certified too often lately (duplicate certificates)
     * or one of the registered domains they fall under was. Nothing is counted: {@link #certificateCounted} does,
     * once the finalize is accepted. Two front ends finalizing at the same moment may pass one certificate over a
     * limit, never more.
     */
    public Future<Void> certificateAllowed(String accountId, List<Identifier> identifiers) {
        return stored(accountId).compose(m -> certificateAllowed(accountId, identifiers, m));
    }

    private Future<Void> certificateAllowed(String accountId, List<Identifier> identifiers, Map<String, Long> m) {
        Instant now = clock.instant();
        Keys k = keys(identifiers);
        Future<Void> checked = check(config.forAccount(RateLimitConfig.DUPLICATE_CERTIFICATES, accountId, m), k.nameSet,
                now, "too many certificates for exactly these names: " + String.join(", ", k.names));
        Limit perDomain = config.forAccount(RateLimitConfig.CERTIFICATES_PER_DOMAIN, accountId, m);
        for (String d : k.domains) {
            checked = checked.compose(v -> check(perDomain, "domain:" + d, now,
                    "too many certificates for the registered domain " + d));
        }
        return checked;
    }

    /** Counts a certificate for these names: once for the exact set, once for each registered domain. */
    public Future<Void> certificateCounted(String accountId, List<Identifier> identifiers) {
        return stored(accountId).compose(m -> certificateCounted(accountId, identifiers, m));
    }

    private Future<Void> certificateCounted(String accountId, List<Identifier> identifiers, Map<String, Long> m) {
        Instant now = clock.instant();
        Keys k = keys(identifiers);
        Future<Void> added = add(config.forAccount(RateLimitConfig.DUPLICATE_CERTIFICATES, accountId, m), k.nameSet,
                now);
        Limit perDomain = config.forAccount(RateLimitConfig.CERTIFICATES_PER_DOMAIN, accountId, m);
        for (String d : k.domains) {
            added = added.compose(x -> add(perDomain, "domain:" + d, now));
        }
        return added;
    }

    private record Keys(TreeSet<String> names, TreeSet<String> domains, String nameSet) {}

    private static Keys keys(List<Identifier> identifiers) {
        TreeSet<String> names = new TreeSet<>();
        TreeSet<String> domains = new TreeSet<>();
        for (Identifier id : identifiers) {
            names.add(id.value().toLowerCase(Locale.ROOT));
            domains.add(registeredDomain(id.baseName()));
        }
        return new Keys(names, domains, "names:" + sha256(String.join(",", names)));
    }

    /** Refuses to validate a name this account has failed to validate too often lately. */
    public Future<Void> validationAllowed(String accountKey, String name) {
        return limit(RateLimitConfig.FAILED_VALIDATIONS, accountIdOf(accountKey)).compose(l -> check(l,
                failedKey(accountKey, name), clock.instant(), "too many failed validations of " + name
                        + " by this account"));
    }

    /** Counts a failed validation of this name by this account. */
    public Future<Void> validationFailed(String accountKey, String name) {
        return limit(RateLimitConfig.FAILED_VALIDATIONS, accountIdOf(accountKey))
                .compose(l -> add(l, failedKey(accountKey, name), clock.instant()));
    }

    /** The account id of an account URL (its last path segment), or null. */
    static String accountIdOf(String accountKey) {
        if (accountKey == null || accountKey.isEmpty()) {
            return null;
        }
        int slash = accountKey.lastIndexOf('/');
        String id = slash < 0 ? accountKey : accountKey.substring(slash + 1);
        return id.isEmpty() ? null : id;
    }

    private static String failedKey(String accountKey, String name) {
        return "failed:" + sha256(accountKey + " " + name.toLowerCase(Locale.ROOT));
    }

    private Future<Void> take(String name, Limit l, String key, String what) {
        if (l == null) {
            return Future.succeededFuture();
        }
        Instant now = clock.instant();
        return counters.take(key, l.count(), l.window(), now)
                .compose(taken -> taken ? Future.succeededFuture() : Future.failedFuture(refusal(name, l, now, what)));
    }

    private Future<Void> check(Limit l, String key, Instant now, String what) {
        if (l == null) {
            return Future.succeededFuture();
        }
        return counters.count(key, l.window(), now).compose(n -> n < l.count() ? Future.succeededFuture()
                : Future.failedFuture(refusal(null, l, now, what)));
    }

    private Future<Void> add(Limit l, String key, Instant now) {
        return l == null ? Future.succeededFuture() : counters.add(key, l.window(), now);
    }

    private static CaException refusal(String name, Limit l, Instant now, String what) {
        Instant ends = RateLimitCounters.windowStart(now, l.window()).plus(l.window());
        Duration retry = Duration.between(now, ends);
        return CaException.rateLimited(what + " (at most " + l.count() + " per " + human(l.window()) + "); retry after "
                + ends + (name == null ? "" : ", see the rate limits in the CA's documentation"), retry);
    }

    private static String human(Duration d) {
        if (d.toDays() > 0 && d.toHours() % 24 == 0) {
            return d.toDays() + " days";
        }
        if (d.toHours() > 0 && d.toMinutes() % 60 == 0) {
            return d.toHours() + " hours";
        }
        return d.toSeconds() + " seconds";
    }

    /** The ICANN registry suffix plus one label; the name itself when it has no known suffix. */
    static String registeredDomain(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        try {
            InternetDomainName d = InternetDomainName.from(n);
            return d.isUnderRegistrySuffix() ? d.topDomainUnderRegistrySuffix().toString() : n;
        } catch (IllegalArgumentException | IllegalStateException e) {
            return n;
        }
    }

    /** One IPv4 address, or the /48 of an IPv6 address (Boulder counts both so). */
    static String addressRange(String address) {
        if (address == null || address.isBlank()) {
            return null;
        }
        try {
            // an address literal only: never a DNS lookup
            byte[] a = com.google.common.net.InetAddresses.forString(address.trim()).getAddress();
            if (a.length == 4) {
                return InetAddress.getByAddress(a).getHostAddress();
            }
            byte[] prefix = new byte[16];
            System.arraycopy(a, 0, prefix, 0, 6);
            return InetAddress.getByAddress(prefix).getHostAddress() + "/48";
        } catch (IllegalArgumentException | UnknownHostException e) {
            return null;
        }
    }

    private static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
