package dev.inkan.ra.op;

import dev.inkan.core.error.ErrorKind;
import dev.inkan.core.error.Problem;
import dev.inkan.core.model.Authorization;
import dev.inkan.core.model.AuthorizationStatus;
import dev.inkan.core.model.Challenge;
import dev.inkan.core.model.Identifier;
import dev.inkan.core.model.Order;
import dev.inkan.core.model.OrderStatus;
import io.vertx.core.Future;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

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
        Problem problem = orderProblem(authz, cause);
        return openOrders(authz).compose(orders -> all(orders.stream()
                .map(o -> ctx.orders().fail(o.id(), o.status(), problem, ctx.now()))
                .toList()));
    }

    /**
     * A PENDING order moved on as {@link #afterValid} or {@link #afterFailure} would have moved it, for when the
     * process that changed its last authorization died before moving it. Returns the order as it now is.
     */
    public Future<Order> caughtUp(Order order) {
        if (order.status() != OrderStatus.PENDING) {
            return Future.succeededFuture(order);
        }
        return ctx.authorizations().byIds(order.authorizationIds()).compose(authzs -> {
            Optional<Authorization> failed = authzs.stream()
                    .filter(a -> a.status() == AuthorizationStatus.INVALID
                            || a.status() == AuthorizationStatus.DEACTIVATED)
                    .findFirst();
            if (failed.isPresent()) {
                Authorization a = failed.get();
                Problem cause = a.challenges().stream().map(Challenge::error).filter(Objects::nonNull).findFirst()
                        .orElse(Problem.of(ErrorKind.UNAUTHORIZED, "it is " + a.status().wire()));
                return moved(order, ctx.orders().fail(order.id(), OrderStatus.PENDING, orderProblem(a, cause),
                        ctx.now()));
            }
            boolean complete = authzs.size() == order.authorizationIds().size()
                    && authzs.stream().allMatch(a -> a.status() == AuthorizationStatus.VALID);
            return complete
                    ? moved(order, ctx.orders().transition(order.id(), OrderStatus.PENDING, OrderStatus.READY,
                            ctx.now()))
                    : Future.succeededFuture(order);
        });
    }

    /** The order as the move left it, or as another process moved it meanwhile. */
    private Future<Order> moved(Order order, Future<Optional<Order>> move) {
        return move.compose(done -> done.isPresent()
                ? Future.succeededFuture(done.get())
                : ctx.orders().byId(order.id()).map(o -> o.orElse(order)));
    }

    private static Problem orderProblem(Authorization authz, Problem cause) {
        Identifier asOrdered = authz.wildcard()
                ? Identifier.dns("*." + authz.identifier().value())
                : authz.identifier();
        return new Problem(cause.kind(),
                "the authorization for " + asOrdered.value() + " failed: " + cause.detail(), asOrdered, List.of());
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
