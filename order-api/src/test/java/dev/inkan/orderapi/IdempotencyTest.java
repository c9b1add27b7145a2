package dev.inkan.orderapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.inkan.core.port.IdempotencyStore;
import dev.inkan.core.reseller.IdempotentReply;
import dev.inkan.core.time.MutableClock;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Idempotency keys are kept 24 hours (docs/reseller-api.md), then purged and usable for a new request. */
@Timeout(30)
class IdempotencyTest {
    private static final Instant T0 = Instant.parse("2026-12-01T09:00:00Z");
    private final Vertx vertx = Vertx.vertx();
    private final MutableClock clock = new MutableClock(T0);
    private final Map<String, IdempotentReply> kept = new ConcurrentHashMap<>();
    private final IdempotencyStore store = new IdempotencyStore() {
        @Override
        public Future<Optional<IdempotentReply>> claim(IdempotentReply running) {
            return Future.succeededFuture(Optional.ofNullable(kept.putIfAbsent(running.key(), running)));
        }

        @Override
        public Future<Void> complete(IdempotentReply reply) {
            kept.put(reply.key(), reply);
            return Future.succeededFuture();
        }

        @Override
        public Future<Void> release(String resellerId, String key) {
            kept.remove(key);
            return Future.succeededFuture();
        }

        @Override
        public Future<Long> purge(Instant createdBefore) {
            long before = kept.size();
            kept.values().removeIf(r -> r.createdAt().isBefore(createdBefore));
            return Future.succeededFuture(before - kept.size());
        }
    };

    @AfterEach
    void close() {
        vertx.close();
    }

    private void answered(String key, Instant at) {
        kept.put(key, new IdempotentReply("rsl", key, "fp", 201, "application/json", null, "{}", at));
    }

    @Test
    void testPurge_deletesKeysOlderThan24HoursAndKeepsYoungerOnes() throws Exception {
        Idempotency idempotency = new Idempotency(vertx, store, clock);
        answered("old", T0);
        answered("young", T0.plus(Duration.ofHours(2)));
        clock.set(T0.plus(Duration.ofHours(25)));
        assertEquals(1L, idempotency.purge().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS));
        assertEquals(java.util.Set.of("young"), kept.keySet());
    }

    @Test
    void testExpired_aKeyPastTheRetentionCountsAsGoneBeforeThePurgeRuns() {
        Idempotency idempotency = new Idempotency(vertx, store, clock);
        IdempotentReply claim = new IdempotentReply("rsl", "k", "fp", 201, "application/json", null, "{}", T0);
        clock.set(T0.plus(Duration.ofHours(24)).minusSeconds(1));
        assertFalse(idempotency.expired(claim));
        clock.set(T0.plus(Duration.ofHours(24)));
        assertTrue(idempotency.expired(claim));
    }
}
