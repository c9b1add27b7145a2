package dev.inkan.acme.route;

import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;

/** A resource reached by plain GET or HEAD: the directory, newNonce, the CA certificates. */
@FunctionalInterface
interface UnsignedHandler {
    Future<Reply> handle(RoutingContext ctx);
}
