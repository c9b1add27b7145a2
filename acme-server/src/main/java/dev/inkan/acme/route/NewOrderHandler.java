package dev.inkan.acme.route;

import dev.inkan.acme.jws.SignedRequest;
import dev.inkan.acme.wire.NewOrderPayload;
import dev.inkan.core.port.RegistrationAuthority;
import dev.inkan.core.port.RegistrationAuthority.NewOrderRequest;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;

/** POST /acme/new-order (RFC 8555 §7.4): 201 with the order and its URL in Location. */
final class NewOrderHandler implements SignedHandler {
    private final RegistrationAuthority ra;
    private final Representations show;

    NewOrderHandler(RegistrationAuthority ra, Representations show) {
        this.ra = ra;
        this.show = show;
    }

    @Override
    public Future<Reply> handle(RoutingContext ctx, SignedRequest request) {
        NewOrderPayload payload = NewOrderPayload.parse(request.payloadJson());
        NewOrderRequest order = new NewOrderRequest(
                request.account().id(), payload.identifiers(), payload.notBefore(), payload.notAfter(), payload.profile());
        return ra.newOrder(order).map(created -> show.order(201, created));
    }
}
