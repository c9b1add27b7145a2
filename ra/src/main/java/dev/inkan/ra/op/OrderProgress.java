package dev.inkan.ra.op;

import dev.inkan.core.error.Problem;
import dev.inkan.core.model.Authorization;
import dev.inkan.core.model.AuthorizationStatus;
import dev.inkan.core.model.Identifier;
import dev.inkan.core.model.Order;
import dev.inkan.core.model.OrderStatus;
import io.vertx.core.Future;
import java.util.List;

/**
 * Moves the orders that hold an authorization on when the authorization changes (RFC 8555 §7.1.6): to
 * READY when it was the last one to become valid, to INVALID when it failed or was deactivated. Done when
 * the authorization changes, since the front ends read orders through a read-only port.
 */
public final class OrderProgress {
    private final OperationContext ctx;

    public OrderProgress(OperationContext ctx) {
        this.ctx = ctx;
    }

    /** PENDING orders holding this now-valid authorization become READY once all their authorizations are valid. */
    public Future<Void> afterValid(Authorization authz) {
        return openOrders(authz).compose(orders -> all(orders.stream()
                .filter(o -> o.status() == OrderStatus.PENDING)
                .map(this::readyIfComplete)
                .toList()));
    }

    /** PENDING and READY orders holding this failed or deactivated authorization become INVALID. */
    public Future<Void> afterFailure(Authorization authz, Problem cause) {
        Identifier asOrdered = authz.wildcard()
                ? Identifier.dns("*." + authz.identifier().value())
                : authz.identifier();
        Problem problem = new Problem(cause.kind(),
                "the authorization for " + asOrdered.value() + " failed: " + cause.detail(), asOrdered, List.of());
        return openOrders(authz).compose(orders -> all(orders.stream()
                .map(o -> ctx.orders().fail(o.id(), o.status(), problem, ctx.now()))
                .toList()));
    }

    private Future<List<Order>> openOrders(Authorization authz) {
        return ctx.orders().pendingOrReadyWithAuthorization(authz.accountId(), authz.id());
    }

    /**
     * Reads every authorization after this one was written, so of two authorizations of one order that
     * become valid at the same time, at least the later reader sees both valid.
     */
    private Future<?> readyIfComplete(Order order) {
        return ctx.authorizations().byIds(order.authorizationIds()).compose(authzs -> {
            boolean complete = authzs.size() == order.authorizationIds().size()
                    && authzs.stream().allMatch(a -> a.status() == AuthorizationStatus.VALID);
            return complete
                    ? ctx.orders().transition(order.id(), OrderStatus.PENDING, OrderStatus.READY, ctx.now())
                    : Future.succeededFuture();
        });
    }

    private static Future<Void> all(List<? extends Future<?>> futures) {
        return Future.all(futures).mapEmpty();
    }
}
