package dev.inkan.orderapi;

import dev.inkan.core.reseller.ApiKey;
import dev.inkan.core.reseller.Reseller;
import dev.inkan.core.port.ResellerStore;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/** A reseller store that holds one reseller, found by its id; the tests using it change nothing else in it. */
final class OneResellerStore implements ResellerStore {
    private final Supplier<Reseller> reseller;

    /** @param reseller the reseller as it is now (null: none yet) */
    OneResellerStore(Supplier<Reseller> reseller) {
        this.reseller = reseller;
    }

    @Override
    public Future<Optional<Reseller>> byId(String id) {
        return Future.succeededFuture(Optional.ofNullable(reseller.get()).filter(r -> r.id().equals(id)));
    }

    @Override
    public Future<Reseller> insert(Reseller r) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Future<List<Reseller>> all() {
        throw new UnsupportedOperationException();
    }

    @Override
    public Future<Optional<Reseller>> setWebhook(String resellerId, String url, String secret) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Future<ApiKey> insertKey(ApiKey key) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Future<Optional<ApiKey>> keyById(String keyId) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Future<List<ApiKey>> keysOf(String resellerId) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Future<Optional<ApiKey>> expireKey(String keyId, Instant expiresAt) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Future<Optional<ApiKey>> revokeKey(String keyId, Instant at) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Future<Boolean> countOrder(String resellerId, String day, int limit) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Future<Integer> ordersOn(String resellerId, String day) {
        throw new UnsupportedOperationException();
    }
}
