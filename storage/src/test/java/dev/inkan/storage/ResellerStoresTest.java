package dev.inkan.storage;

import static dev.inkan.storage.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.inkan.core.port.ResellerStores;
import dev.inkan.core.reseller.ApiKey;
import dev.inkan.core.reseller.IdempotentReply;
import dev.inkan.core.reseller.Reseller;
import dev.inkan.core.reseller.ResellerOrder;
import dev.inkan.core.reseller.ResellerOrderStatus;
import dev.inkan.core.reseller.WebhookEvent;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class ResellerStoresTest extends EmbeddedStoreTest {
    private final ResellerStores reseller = storage.resellerStores();

    private Reseller newReseller() {
        return await(reseller.resellers().insert(new Reseller(newId("rsl"), "R", "r@example.com", 3, 5, null, null,
                true, T0)));
    }

    private ResellerOrder order(String resellerId, String id, ResellerOrderStatus status) {
        return new ResellerOrder(id, resellerId, "cus", status, List.of("a.example.jp", "b.example.jp"),
                Map.of("a.example.jp", "dns-01", "b.example.jp", "http-01"), "dv", new byte[] {1, 2}, newId("ra"),
                null, null, null, null, T0, T0, null);
    }

    @Test
    void testCountOrder_neverCountsPastTheLimitEvenConcurrently() {
        Reseller r = newReseller();
        List<Future<Boolean>> tries = IntStream.range(0, 10)
                .mapToObj(i -> reseller.resellers().countOrder(r.id(), "2026-03-01", 3)).toList();
        long counted = tries.stream().map(Await::await).filter(Boolean::booleanValue).count();
        assertEquals(3, counted);
        assertEquals(3, await(reseller.resellers().ordersOn(r.id(), "2026-03-01")));
        assertTrue(await(reseller.resellers().countOrder(r.id(), "2026-03-02", 3)), "a new day counts anew");
    }

    @Test
    void testKeys_expireOnceAndRevokeOnce() {
        Reseller r = newReseller();
        ApiKey k = await(reseller.resellers().insertKey(new ApiKey(newId("k"), r.id(), "ab", T0, null, null)));
        assertTrue(await(reseller.resellers().expireKey(k.id(), T0.plus(Duration.ofDays(7)))).isPresent());
        assertFalse(await(reseller.resellers().expireKey(k.id(), T0)).isPresent(), "an expiry is set once");
        assertTrue(await(reseller.resellers().revokeKey(k.id(), T0)).isPresent());
        assertFalse(await(reseller.resellers().revokeKey(k.id(), T0)).isPresent());
        assertEquals(1, await(reseller.resellers().keysOf(r.id())).size());
    }

    @Test
    void testOrders_aTransitionHappensOnceAndMethodsKeepTheirDottedNames() {
        Reseller r = newReseller();
        ResellerOrder o = await(reseller.orders().insert(order(r.id(), newId("ord"), ResellerOrderStatus.PENDING)));
        assertEquals(o.methods(), await(reseller.orders().byId(o.id())).orElseThrow().methods());
        assertTrue(await(reseller.orders().transition(o.id(), ResellerOrderStatus.PENDING,
                ResellerOrderStatus.PROCESSING, null, null, null, T0)).isPresent());
        assertFalse(await(reseller.orders().transition(o.id(), ResellerOrderStatus.PENDING,
                ResellerOrderStatus.CANCELLED, null, null, null, T0)).isPresent(), "no longer pending");
        ResellerOrder issued = await(reseller.orders().transition(o.id(), ResellerOrderStatus.PROCESSING,
                ResellerOrderStatus.ISSUED, "abc", T0.plus(Duration.ofDays(90)), null, T0)).orElseThrow();
        assertEquals("abc", issued.certificateSerial());
        assertEquals(o.id(), await(reseller.orders().byCertificateSerial("abc")).orElseThrow().id());
    }

    @Test
    void testOrders_switchMethodOnlyWhilePending() {
        Reseller r = newReseller();
        ResellerOrder o = await(reseller.orders().insert(order(r.id(), newId("ord"), ResellerOrderStatus.PENDING)));
        ResellerOrder switched = await(reseller.orders().switchMethod(o.id(), "b.example.jp", "dns-01", T0)).orElseThrow();
        assertEquals("dns-01", switched.methods().get("b.example.jp"));
        await(reseller.orders().transition(o.id(), ResellerOrderStatus.PENDING, ResellerOrderStatus.CANCELLED, null,
                null, null, T0));
        assertFalse(await(reseller.orders().switchMethod(o.id(), "b.example.jp", "http-01", T0)).isPresent());
    }

    @Test
    void testOrders_pagesNewestFirstWithFilters() {
        Reseller r = newReseller();
        for (int i = 0; i < 5; i++) {
            await(reseller.orders().insert(order(r.id(), "ord_" + r.id() + "_" + i,
                    i % 2 == 0 ? ResellerOrderStatus.PENDING : ResellerOrderStatus.INVALID)));
        }
        List<ResellerOrder> first = await(reseller.orders().byReseller(r.id(), null, null, null, 2));
        assertEquals(List.of("ord_" + r.id() + "_4", "ord_" + r.id() + "_3"), first.stream().map(ResellerOrder::id).toList());
        List<ResellerOrder> next = await(reseller.orders().byReseller(r.id(), null, null, first.get(1).id(), 2));
        assertEquals("ord_" + r.id() + "_2", next.get(0).id());
        assertEquals(3, await(reseller.orders().byReseller(r.id(), ResellerOrderStatus.PENDING, "a.example.jp", null,
                10)).size());
        assertEquals(0, await(reseller.orders().byReseller(r.id(), null, "c.example.jp", null, 10)).size());
    }

    @Test
    void testWebhooks_eventsAreNumberedWithoutGapsAndDeliveredInOrder() {
        Reseller r = newReseller();
        List<Future<WebhookEvent>> appended = IntStream.range(0, 5).mapToObj(i -> reseller.webhooks().append(
                new WebhookEvent("-", r.id(), 0, "order.created", "ord", "{}", T0, WebhookEvent.Delivery.PENDING, 0,
                        T0))).toList();
        List<Long> sequences = appended.stream().map(Await::await).map(WebhookEvent::sequence).sorted().toList();
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L), sequences);
        assertEquals(1L, await(reseller.webhooks().nextPending(r.id())).orElseThrow().sequence());
        assertTrue(await(reseller.webhooks().resellersWithPending()).contains(r.id()));
    }

    @Test
    void testIdempotency_aKeyIsClaimedOnceAndReleasedForARetry() {
        Reseller r = newReseller();
        IdempotentReply running = new IdempotentReply(r.id(), "k1", "fp", 0, null, null, null, T0);
        assertTrue(await(reseller.idempotency().claim(running)).isEmpty());
        assertFalse(await(reseller.idempotency().claim(running)).orElseThrow().complete());
        await(reseller.idempotency().complete(new IdempotentReply(r.id(), "k1", "fp", 201, "application/json", null,
                "{}", T0)));
        assertEquals(201, await(reseller.idempotency().claim(running)).orElseThrow().status());
        await(reseller.idempotency().release(r.id(), "k1"));
        assertTrue(await(reseller.idempotency().claim(running)).isEmpty());
    }

    @Test
    void testIdempotency_purgeDeletesOnlyKeysClaimedBeforeTheCutoff() {
        Reseller r = newReseller();
        await(reseller.idempotency().claim(new IdempotentReply(r.id(), "old", "fp", 0, null, null, null, T0)));
        await(reseller.idempotency().claim(new IdempotentReply(r.id(), "new", "fp", 0, null, null, null,
                T0.plusSeconds(3600))));
        // other tests' keys made at T0 in this store go too
        assertTrue(await(reseller.idempotency().purge(T0.plusSeconds(60))) >= 1);
        assertTrue(await(reseller.idempotency().claim(new IdempotentReply(r.id(), "old", "fp2", 0, null, null, null,
                T0.plusSeconds(7200)))).isEmpty(), "the purged key is free");
        assertTrue(await(reseller.idempotency().claim(new IdempotentReply(r.id(), "new", "fp2", 0, null, null, null,
                T0.plusSeconds(7200)))).isPresent(), "the younger key is kept");
    }
}
