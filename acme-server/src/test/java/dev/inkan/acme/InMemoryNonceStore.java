package dev.inkan.acme;

import dev.inkan.core.port.NonceStore;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/** A NonceStore in memory: first key proposed wins, each nonce id redeems once. Shareable by several servers. */
public final class InMemoryNonceStore implements NonceStore {
    private final AtomicReference<byte[]> key = new AtomicReference<>();
    private final Map<String, Instant> redeemed = new ConcurrentHashMap<>();
    public final AtomicInteger purges = new AtomicInteger();

    @Override
    public Future<byte[]> nonceKey(byte[] candidate) {
        key.compareAndSet(null, candidate.clone());
        return Future.succeededFuture(key.get().clone());
    }

    @Override
    public Future<Boolean> redeem(String nonceId, Instant expiresAt) {
        return Future.succeededFuture(redeemed.putIfAbsent(nonceId, expiresAt) == null);
    }

    @Override
    public Future<Long> purgeExpired(Instant now) {
        purges.incrementAndGet();
        long before = redeemed.size();
        redeemed.values().removeIf(expires -> expires.isBefore(now));
        return Future.succeededFuture(before - redeemed.size());
    }

    public int redeemedCount() {
        return redeemed.size();
    }
}
