package dev.inkan.acme.route;

import dev.inkan.acme.jws.SignedRequest;
import dev.inkan.acme.problem.Problems;
import dev.inkan.acme.wire.FinalizePayload;
import dev.inkan.core.model.Order;
import dev.inkan.core.model.OrderStatus;
import dev.inkan.core.port.OrderReader;
import dev.inkan.core.port.RegistrationAuthority;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;

/**
 * POST /acme/finalize/:orderId (RFC 8555 §7.4): the CSR is decoded and the order's state checked here,
 * before the RA is asked; the answer is the order: valid when the RA saw it issued within its budget, else
 * processing, with Retry-After.
 */
final class FinalizeHandler implements SignedHandler {
    private final OrderReader orders;
    private final RegistrationAuthority ra;
    private final Representations show;

    FinalizeHandler(OrderReader orders, RegistrationAuthority ra, Representations show) {
        this.orders = orders;
        this.ra = ra;
        this.show = show;
    }

    @Override
    public Future<Reply> handle(RoutingContext ctx, SignedRequest request) {
        String orderId = ctx.pathParam("orderId");
        FinalizePayload payload = FinalizePayload.parse(request.payloadJson());
        return orders.byId(orderId)
                .map(found -> Ownership.require(found, Order::accountId, request, "order " + orderId))
                .compose(order -> {
                    // PENDING passes: its last authorization may have just become valid, and the RA
                    // promotes it to READY before the order's own update lands (RFC 8555 §7.1.6).
                    if (order.status() != OrderStatus.READY && order.status() != OrderStatus.PENDING) {
                        throw Problems.orderNotReady("the order is " + order.status().wire()
                                + "; it can be finalized only when ready (all authorizations valid)");
                    }
                    return ra.finalizeOrder(request.account().id(), orderId, payload.csrDer());
                })
                .compose(order -> ra.replacedBy(order.id()).map(replaces -> show.order(200, order, replaces)));
    }
}
