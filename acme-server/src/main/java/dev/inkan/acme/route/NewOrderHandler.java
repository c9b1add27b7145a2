package dev.inkan.acme.route;

import dev.inkan.acme.jws.SignedRequest;
import dev.inkan.acme.wire.NewOrderPayload;
import dev.inkan.core.port.RegistrationAuthority;
import dev.inkan.core.port.RegistrationAuthority.NewOrderRequest;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;

/** POST /acme/new-order (RFC 8555 §7.4, RFC 9773 §5 replaces): 201 with the order and its URL in Location. */
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
        return ra.newOrder(order, payload.replaces())
                .map(created -> show.order(201, created, Optional.ofNullable(payload.replaces())));
    }
}
