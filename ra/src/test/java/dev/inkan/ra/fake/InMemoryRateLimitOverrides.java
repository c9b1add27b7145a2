package dev.inkan.ra.fake;

import dev.inkan.core.port.RateLimitOverrides;
import io.vertx.core.Future;
import java.util.HashMap;
import java.util.Map;

/** Stored overrides in maps, with the real store's resolution: the account's own, else its reseller's. */
public final class InMemoryRateLimitOverrides implements RateLimitOverrides {
    private final Map<String, Map<String, Long>> accounts = new HashMap<>();
    private final Map<String, Map<String, Long>> resellers = new HashMap<>();
    private final Map<String, String> resellerOfAccount = new HashMap<>();

    /** The account is a customer of this reseller (the reseller API's customer record). */
    public synchronized void customer(String accountId, String resellerId) {
        resellerOfAccount.put(accountId, resellerId);
    }

    @Override
    public synchronized Future<Map<String, Long>> forAccount(String accountId) {
        Map<String, Long> merged = new HashMap<>(resellers.getOrDefault(resellerOfAccount.get(accountId), Map.of()));
        merged.putAll(accounts.getOrDefault(accountId, Map.of()));
        return Future.succeededFuture(Map.copyOf(merged));
    }

    @Override
    public synchronized Future<Void> setAccount(String accountId, Map<String, Long> counts) {
        accounts.put(accountId, Map.copyOf(counts));
        return Future.succeededFuture();
    }

    @Override
    public synchronized Future<Void> setReseller(String resellerId, Map<String, Long> counts) {
        resellers.put(resellerId, Map.copyOf(counts));
        return Future.succeededFuture();
    }
}
