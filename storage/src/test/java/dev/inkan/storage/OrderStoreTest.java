package dev.inkan.storage;

import static dev.inkan.storage.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.inkan.core.error.ErrorKind;
import dev.inkan.core.error.Problem;
import dev.inkan.core.model.Identifier;
import dev.inkan.core.model.Order;
import dev.inkan.core.model.OrderStatus;
import dev.inkan.core.port.OrderStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class OrderStoreTest extends EmbeddedStoreTest {
    private static final List<Identifier> NAMES = List.of(Identifier.dns("a.example.jp"), Identifier.dns("b.example.jp"));
    private final OrderStore orders = stores.orders();

    private static Order order(String accountId, OrderStatus status, List<Identifier> identifiers, Instant expires) {
        return new Order(newId("order"), accountId, status, expires, identifiers, null, null,
                identifiers.stream().map(i -> newId("authz")).toList(), "dv", null, null, T0, T0);
    }

    private static Order pending(String accountId) {
        return order(accountId, OrderStatus.PENDING, NAMES, T0.plus(Duration.ofDays(7)));
    }

    private static Order with(Order o, OrderStatus status, Problem error, String serial, Instant at) {
        return new Order(o.id(), o.accountId(), status, o.expires(), o.identifiers(), o.notBefore(), o.notAfter(),
                o.authorizationIds(), o.profile(), error, serial, o.createdAt(), at);
    }

    @Test
    void testSuccess_orderRoundTripsWithEveryField() {
        Problem error = new Problem(ErrorKind.COMPOUND, "two names failed", null, List.of(
                new Problem(ErrorKind.CAA, "CAA forbids", Identifier.dns("a.example.jp"), List.of()),
                Problem.of(ErrorKind.DNS, "NXDOMAIN")));
        Order o = new Order(newId("order"), newId("acct"), OrderStatus.INVALID, T0.plusSeconds(60), NAMES,
                T0.plusNanos(1), T0.plus(Duration.ofDays(90)), List.of("z1", "z2"), "ov", error, "7f01",
                T0, T0.plusMillis(5));
        await(orders.insert(o));
        assertEquals(Optional.of(o), await(orders.byId(o.id())));
    }

    @Test
    void testSuccess_transitionSucceedsOnceThenIsEmpty() {
        Order o = await(orders.insert(pending(newId("acct"))));
        Instant at = T0.plusSeconds(1);
        assertEquals(Optional.of(with(o, OrderStatus.READY, null, null, at)),
                await(orders.transition(o.id(), OrderStatus.PENDING, OrderStatus.READY, at)));
        assertEquals(Optional.empty(), await(orders.transition(o.id(), OrderStatus.PENDING, OrderStatus.READY, at)));
    }

    @Test
    void testSuccess_failRecordsTheProblemOnce() {
        Order o = await(orders.insert(pending(newId("acct"))));
        Problem p = Problem.of(ErrorKind.BAD_CSR, "the CSR names c.example.jp, which is not in the order");
        Instant at = T0.plusSeconds(2);
        assertEquals(Optional.of(with(o, OrderStatus.INVALID, p, null, at)),
                await(orders.fail(o.id(), OrderStatus.PENDING, p, at)));
        assertEquals(Optional.empty(), await(orders.fail(o.id(), OrderStatus.PENDING, p, at)));
    }

    @Test
    void testSuccess_completeNeedsProcessingAndSucceedsOnce() {
        Order o = await(orders.insert(pending(newId("acct"))));
        assertEquals(Optional.empty(), await(orders.complete(o.id(), "abc", T0)));
        await(orders.transition(o.id(), OrderStatus.PENDING, OrderStatus.PROCESSING, T0));
        Instant at = T0.plusSeconds(3);
        assertEquals(Optional.of(with(o, OrderStatus.VALID, null, "abc", at)), await(orders.complete(o.id(), "abc", at)));
        assertEquals(Optional.empty(), await(orders.complete(o.id(), "abd", at)));
    }

    @Test
    void testSuccess_concurrentTransitionsHaveExactlyOneWinner() throws Exception {
        Order o = await(orders.insert(pending(newId("acct"))));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Optional<Order>>> attempts = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                attempts.add(pool.submit(() -> await(orders.transition(o.id(), OrderStatus.PENDING, OrderStatus.PROCESSING, T0))));
            }
            int winners = 0;
            for (Future<Optional<Order>> attempt : attempts) {
                winners += attempt.get(10, TimeUnit.SECONDS).isPresent() ? 1 : 0;
            }
            assertEquals(1, winners);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void testSuccess_reusableOrderMatchesIdentifiersProfileStatusAndExpiry() {
        String account = newId("acct");
        Order match = await(orders.insert(pending(account)));
        await(orders.insert(order(account, OrderStatus.PENDING, List.of(Identifier.dns("a.example.jp")), match.expires())));
        await(orders.insert(order(account, OrderStatus.VALID, NAMES, match.expires())));
        await(orders.insert(order(account, OrderStatus.READY, NAMES, T0.minusSeconds(1))));
        assertEquals(Optional.of(match), await(orders.findReusable(account, NAMES, "dv", T0)));
    }

    @Test
    void testSuccess_noReusableOrderForOtherProfileAccountOrAfterExpiry() {
        String account = newId("acct");
        Order o = await(orders.insert(pending(account)));
        assertEquals(Optional.empty(), await(orders.findReusable(account, NAMES, "ov", T0)));
        assertEquals(Optional.empty(), await(orders.findReusable(newId("acct"), NAMES, "dv", T0)));
        assertEquals(Optional.empty(), await(orders.findReusable(account, NAMES, "dv", o.expires())));
        assertEquals(Optional.empty(), await(orders.findReusable(account, List.of(NAMES.get(1), NAMES.get(0)), "dv", T0)));
    }

    @Test
    void testSuccess_byAccountPaginatesByIdAscending() {
        String account = newId("acct");
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Order o = pending(account);
            Order named = new Order("o" + i + "-" + o.id(), account, o.status(), o.expires(), o.identifiers(), null, null,
                    o.authorizationIds(), o.profile(), null, null, o.createdAt(), o.updatedAt());
            await(orders.insert(named));
            ids.add(named.id());
        }
        await(orders.insert(pending(newId("acct"))));
        List<Order> first = await(orders.byAccount(account, null, 2));
        List<Order> second = await(orders.byAccount(account, first.get(1).id(), 2));
        List<Order> third = await(orders.byAccount(account, second.get(1).id(), 2));
        assertEquals(ids.subList(0, 2), first.stream().map(Order::id).toList());
        assertEquals(ids.subList(2, 4), second.stream().map(Order::id).toList());
        assertEquals(ids.subList(4, 5), third.stream().map(Order::id).toList());
        assertTrue(await(orders.byAccount(account, third.get(0).id(), 2)).isEmpty());
    }

    @Test
    void testSuccess_processingSinceListsOnlyOrdersStuckBeforeTheCutoff() {
        Order stuck = await(orders.insert(pending(newId("acct"))));
        Order recent = await(orders.insert(pending(newId("acct"))));
        Instant farPast = T0.minus(Duration.ofDays(3650));
        await(orders.transition(stuck.id(), OrderStatus.PENDING, OrderStatus.PROCESSING, farPast));
        await(orders.transition(recent.id(), OrderStatus.PENDING, OrderStatus.PROCESSING, T0));
        List<String> found = await(orders.processingSince(farPast.plusSeconds(1))).stream().map(Order::id).toList();
        assertEquals(List.of(stuck.id()), found);
    }

    @Test
    void testSuccess_openOrdersHoldingAnAuthorizationAreFoundByOneQuery() {
        String account = newId("acct");
        Order holding = await(orders.insert(pending(account)));
        String authz = holding.authorizationIds().get(1);
        Order ready = await(orders.insert(new Order(newId("order"), account, OrderStatus.READY, holding.expires(),
                NAMES, null, null, List.of(newId("authz"), authz), "dv", null, null, T0, T0)));
        Order done = await(orders.insert(new Order(newId("order"), account, OrderStatus.VALID, holding.expires(),
                NAMES, null, null, List.of(authz, newId("authz")), "dv", null, "1f", T0, T0)));
        await(orders.insert(pending(account)));
        await(orders.insert(new Order(newId("order"), newId("acct"), OrderStatus.PENDING, holding.expires(),
                NAMES, null, null, List.of(authz, newId("authz")), "dv", null, null, T0, T0)));

        List<String> found = await(orders.pendingOrReadyWithAuthorization(account, authz)).stream()
                .map(Order::id).sorted().toList();
        assertEquals(java.util.stream.Stream.of(holding.id(), ready.id()).sorted().toList(), found);
        assertTrue(!found.contains(done.id()));
    }
}
