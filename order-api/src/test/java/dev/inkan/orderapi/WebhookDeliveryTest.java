package dev.inkan.orderapi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.inkan.core.port.Leases;
import dev.inkan.core.port.ResellerStore;
import dev.inkan.core.port.WebhookStore;
import dev.inkan.core.reseller.DeliveryAttempt;
import dev.inkan.core.reseller.Reseller;
import dev.inkan.core.reseller.WebhookEvent;
import dev.inkan.core.time.MutableClock;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Webhook delivery when the order API runs on several front ends: two deliverers sweeping the same pending event at
 * the same moment post it once, because one reseller's events go out from the holder of its lease only.
 */
@Timeout(60)
class WebhookDeliveryTest {
    private static final Instant NOW = Instant.parse("2026-12-01T00:00:00Z");
    private final Vertx vertx = Vertx.vertx();
    private final MutableClock clock = new MutableClock(NOW);
    private final Map<String, WebhookEvent> events = new ConcurrentHashMap<>();
    private final AtomicInteger posts = new AtomicInteger();
    private Reseller reseller;

    @AfterEach
    void close() throws Exception {
        await(vertx.close());
    }

    private static <T> T await(Future<T> f) throws Exception {
        return f.toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
    }

    /** A receiver slow enough that both deliverers would be in flight at once. */
    private int receiver() throws Exception {
        HttpServer server = await(vertx.createHttpServer().requestHandler(req -> req.body().onSuccess(b -> {
            posts.incrementAndGet();
            vertx.setTimer(300, t -> req.response().setStatusCode(204).end());
        })).listen(0, "127.0.0.1"));
        return server.actualPort();
    }

    private WebhookDelivery deliverer(Leases leases, String name) {
        OrderApiConfig config = new OrderApiConfig("https://api.example.jp", "https://acme.example.jp/acme/acct/",
                Duration.ofMillis(500), 3, Duration.ofSeconds(1), Duration.ofSeconds(5), true, Duration.ofDays(30));
        WebhookDelivery d = new WebhookDelivery(vertx, webhooks(), resellers(), config, clock);
        d.shareThrough(leases, name);
        return d;
    }

    @Test
    void testWake_twoFrontEndsAtOncePostAnEventOnce() throws Exception {
        reseller = new Reseller("rsl_1", "Reseller", "r@example.jp", 10, 10,
                "http://127.0.0.1:" + receiver() + "/hook", "secret", true, NOW);
        events.put("evt_1", new WebhookEvent("evt_1", "rsl_1", 1, "order.issued", "ord_1", "{}", NOW,
                WebhookEvent.Delivery.PENDING, 0, null));
        Leases shared = leases();
        WebhookDelivery a = deliverer(shared, "fe1");
        WebhookDelivery b = deliverer(shared, "fe2");
        vertx.runOnContext(v -> {
            a.wake();
            b.wake();
        });
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (events.get("evt_1").delivery() == WebhookEvent.Delivery.PENDING && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        Thread.sleep(500); // a second post, if any, would be under way by now
        assertEquals(WebhookEvent.Delivery.DELIVERED, events.get("evt_1").delivery());
        assertEquals(1, posts.get(), "the event was posted by both front ends");
    }

    /** Leases as the store keeps them: one holder until its term ends. */
    private Leases leases() {
        Map<String, Object[]> held = new ConcurrentHashMap<>();
        return new Leases() {
            @Override
            public synchronized Future<Boolean> acquire(String name, String holder, Instant now, Duration term) {
                Object[] current = held.get(name);
                if (current == null || current[0].equals(holder) || ((Instant) current[1]).isBefore(now)) {
                    held.put(name, new Object[] {holder, now.plus(term)});
                    return Future.succeededFuture(true);
                }
                return Future.succeededFuture(false);
            }

            @Override
            public synchronized Future<Void> release(String name, String holder) {
                held.computeIfPresent(name, (k, v) -> v[0].equals(holder) ? null : v);
                return Future.succeededFuture();
            }
        };
    }

    private WebhookStore webhooks() {
        return new WebhookStore() {
            @Override
            public Future<WebhookEvent> append(WebhookEvent template) {
                throw new UnsupportedOperationException();
            }

            @Override
            public Future<List<WebhookEvent>> events(String resellerId, long afterSequence, int limit) {
                throw new UnsupportedOperationException();
            }

            @Override
            public Future<List<String>> resellersWithPending() {
                return Future.succeededFuture(events.values().stream()
                        .filter(e -> e.delivery() == WebhookEvent.Delivery.PENDING).map(WebhookEvent::resellerId)
                        .distinct().toList());
            }

            @Override
            public Future<Optional<WebhookEvent>> nextPending(String resellerId) {
                return Future.succeededFuture(events.values().stream()
                        .filter(e -> e.resellerId().equals(resellerId) && e.delivery() == WebhookEvent.Delivery.PENDING)
                        .min(java.util.Comparator.comparingLong(WebhookEvent::sequence)));
            }

            @Override
            public Future<Void> recordAttempt(DeliveryAttempt attempt, WebhookEvent.Delivery delivery,
                    Instant nextAttempt) {
                events.computeIfPresent(attempt.eventId(), (id, e) -> new WebhookEvent(e.id(), e.resellerId(),
                        e.sequence(), e.type(), e.orderId(), e.payload(), e.createdAt(), delivery, attempt.attempt(),
                        nextAttempt));
                return Future.succeededFuture();
            }

            @Override
            public Future<List<DeliveryAttempt>> attempts(String resellerId, String beforeId, int limit) {
                throw new UnsupportedOperationException();
            }
        };
    }

    private ResellerStore resellers() {
        return new OneResellerStore(() -> reseller);
    }
}
