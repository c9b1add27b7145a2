package dev.inkan.storage;

import dev.inkan.core.error.Problem;
import dev.inkan.core.model.Identifier;
import dev.inkan.core.model.Order;
import dev.inkan.core.model.OrderStatus;
import dev.inkan.core.port.OrderStore;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Orders read at most once per request, as {@link RequestAccounts} does for accounts: finalize read its order four
 * times (the ACME handler's state check, the RA's rate-limit check, the RA's ownership check, the answer). The order
 * read first is remembered on the request's own Vert.x context, shared with nothing else and gone with the request.
 * Every write through this store forgets the order first, whatever its outcome, so a read after a conditional update
 * (moved or not) goes to the store and sees what the update saw. Outside a request every read goes to the store.
 */
final class RequestOrders implements OrderStore {
    private final OrderStore store;

    RequestOrders(OrderStore store) {
        this.store = store;
    }

    /** The key an order is remembered under on a request's context. */
    private record Remembered(String orderId) {}

    @Override
    public Future<Optional<Order>> byId(String id) {
        return RequestMemory.read(new Remembered(id), Order.class, () -> store.byId(id));
    }

    @Override
    public Future<List<Order>> byAccount(String accountId, String afterId, int limit) {
        return store.byAccount(accountId, afterId, limit);
    }

    @Override
    public Future<Order> insert(Order order) {
        return store.insert(order);
    }

    @Override
    public Future<Optional<Order>> findReusable(String accountId, List<Identifier> identifiers, String profile,
            Instant now) {
        return store.findReusable(accountId, identifiers, profile, now);
    }

    @Override
    public Future<Optional<Order>> transition(String id, OrderStatus from, OrderStatus to, Instant at) {
        forget(id);
        return store.transition(id, from, to, at);
    }

    @Override
    public Future<Optional<Order>> fail(String id, OrderStatus from, Problem error, Instant at) {
        forget(id);
        return store.fail(id, from, error, at);
    }

    @Override
    public Future<Optional<Order>> complete(String id, String certificateSerial, Instant at) {
        forget(id);
        return store.complete(id, certificateSerial, at);
    }

    @Override
    public Future<List<Order>> processingSince(Instant updatedBefore) {
        return store.processingSince(updatedBefore);
    }

    @Override
    public Future<List<Order>> pendingOrReadyWithAuthorization(String accountId, String authorizationId) {
        return store.pendingOrReadyWithAuthorization(accountId, authorizationId);
    }

    private static void forget(String id) {
        RequestMemory.forget(new Remembered(id));
    }
}
