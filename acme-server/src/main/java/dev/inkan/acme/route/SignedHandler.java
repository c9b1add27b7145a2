package dev.inkan.acme.route;

import dev.inkan.acme.jws.SignedRequest;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;

/** A resource reached by a verified JWS POST: parse the payload, check ownership, delegate, render. */
@FunctionalInterface
interface SignedHandler {
    Future<Reply> handle(RoutingContext ctx, SignedRequest request);
}
