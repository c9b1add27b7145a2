package dev.inkan.ra.fake;

import dev.inkan.core.error.Problem;
import dev.inkan.core.model.Identifier;
import dev.inkan.core.model.Order;
import dev.inkan.core.model.OrderStatus;
import dev.inkan.core.port.OrderStore;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/** Orders in a map. */
public final class InMemoryOrderStore implements OrderStore {
    private final Map<String, Order> orders = new TreeMap<>();

    @Override
    public synchronized Future<Optional<Order>> byId(String id) {
        return Future.succeededFuture(Optional.ofNullable(orders.get(id)));
    }

    @Override
    public synchronized Future<List<Order>> byAccount(String accountId, String afterId, int limit) {
        return Future.succeededFuture(orders.values().stream()
                .filter(o -> o.accountId().equals(accountId))
                .filter(o -> afterId == null || o.id().compareTo(afterId) > 0)
                .limit(limit)
                .toList());
    }

    @Override
    public synchronized Future<List<Order>> pendingOrReadyWithAuthorization(String accountId, String authorizationId) {
        return Future.succeededFuture(orders.values().stream()
                .filter(o -> o.accountId().equals(accountId) && o.authorizationIds().contains(authorizationId)
                        && (o.status() == OrderStatus.PENDING || o.status() == OrderStatus.READY))
                .toList());
    }

    @Override
    public synchronized Future<Order> insert(Order order) {
        orders.put(order.id(), order);
        return Future.succeededFuture(order);
    }

    @Override
    public synchronized Future<Optional<Order>> findReusable(
            String accountId, List<Identifier> identifiers, String profile, Instant now) {
        return Future.succeededFuture(orders.values().stream()
                .filter(o -> o.accountId().equals(accountId) && o.identifiers().equals(identifiers)
                        && o.profile().equals(profile) && o.expires().isAfter(now)
                        && (o.status() == OrderStatus.PENDING || o.status() == OrderStatus.READY))
                .findFirst());
    }

    @Override
    public synchronized Future<Optional<Order>> transition(String id, OrderStatus from, OrderStatus to, Instant at) {
        return update(id, from, o -> with(o, to, o.error(), o.certificateSerial(), at));
    }

    @Override
    public synchronized Future<Optional<Order>> fail(String id, OrderStatus from, Problem error, Instant at) {
        return update(id, from, o -> with(o, OrderStatus.INVALID, error, null, at));
    }

    @Override
    public synchronized Future<Optional<Order>> complete(String id, String certificateSerial, Instant at) {
        return update(id, OrderStatus.PROCESSING, o -> with(o, OrderStatus.VALID, null, certificateSerial, at));
    }

    @Override
    public synchronized Future<List<Order>> processingSince(Instant updatedBefore) {
        return Future.succeededFuture(orders.values().stream()
                .filter(o -> o.status() == OrderStatus.PROCESSING && o.updatedAt().isBefore(updatedBefore))
                .toList());
    }

    public synchronized int size() {
        return orders.size();
    }

    private Future<Optional<Order>> update(String id, OrderStatus from, UnaryOperator<Order> change) {
        Order o = orders.get(id);
        if (o == null || o.status() != from) {
            return Future.succeededFuture(Optional.empty());
        }
        Order changed = change.apply(o);
        orders.put(id, changed);
        return Future.succeededFuture(Optional.of(changed));
    }

    private static Order with(Order o, OrderStatus status, Problem error, String serial, Instant at) {
        return new Order(o.id(), o.accountId(), status, o.expires(), o.identifiers(), o.notBefore(), o.notAfter(),
                o.authorizationIds(), o.profile(), error, serial, o.createdAt(), at);
    }
}
