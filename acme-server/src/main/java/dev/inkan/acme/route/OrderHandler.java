package dev.inkan.acme.route;

import dev.inkan.acme.jws.SignedRequest;
import dev.inkan.core.model.Order;
import dev.inkan.core.model.OrderStatus;
import dev.inkan.core.port.OrderReader;
import dev.inkan.core.port.RegistrationAuthority;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;

/** POST-as-GET /acme/order/:id (RFC 8555 §7.1.3), with the {@code replaces} it declared (RFC 9773 §5). */
final class OrderHandler implements SignedHandler {
    private final OrderReader orders;
    private final RegistrationAuthority ra;
    private final Representations show;

    OrderHandler(OrderReader orders, RegistrationAuthority ra, Representations show) {
        this.orders = orders;
        this.ra = ra;
        this.show = show;
    }

    @Override
    public Future<Reply> handle(RoutingContext ctx, SignedRequest request) {
        Ownership.requirePostAsGet(request);
        String orderId = ctx.pathParam("id");
        return orders.byId(orderId)
                .map(found -> Ownership.require(found, Order::accountId, request, "order " + orderId))
                // a pending order whose authorizations changed without moving it (their front end died) moves now
                .compose(order -> order.status() == OrderStatus.PENDING ? ra.refreshOrder(order)
                        : Future.succeededFuture(order))
                .compose(order -> ra.replacedBy(order.id()).map(replaces -> show.order(200, order, replaces)));
    }
}
