package dev.inkan.core.port;

import dev.inkan.core.reseller.ApiKey;
import dev.inkan.core.reseller.Reseller;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Resellers, their API keys and their daily order counters. */
public interface ResellerStore {
    Future<Reseller> insert(Reseller reseller);

    Future<Optional<Reseller>> byId(String id);

    Future<List<Reseller>> all();

    /** Sets (or with nulls clears) the webhook URL and its HMAC secret. */
    Future<Optional<Reseller>> setWebhook(String resellerId, String url, String secret);

    Future<ApiKey> insertKey(ApiKey key);

    Future<Optional<ApiKey>> keyById(String keyId);

    Future<List<ApiKey>> keysOf(String resellerId);

    /** Sets {@code expiresAt} of a key that has none and is not revoked; empty when it had one or was revoked. */
    Future<Optional<ApiKey>> expireKey(String keyId, Instant expiresAt);

    /** Revokes a key not revoked yet; empty when it was. */
    Future<Optional<ApiKey>> revokeKey(String keyId, Instant at);

    /**
     * Counts one more order of the reseller on a UTC day, atomically, unless that would exceed {@code limit}.
     *
     * @param day {@code yyyy-MM-dd}
     * @return true when counted, false when the day's quota is used up
     */
    Future<Boolean> countOrder(String resellerId, String day, int limit);

    /** How many orders {@link #countOrder} counted for the reseller on that day. */
    Future<Integer> ordersOn(String resellerId, String day);
}
