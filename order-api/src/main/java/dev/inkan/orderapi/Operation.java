package dev.inkan.orderapi;

import dev.inkan.core.reseller.Reseller;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;

/** One API operation for an authenticated reseller: parse, check ownership, delegate, answer. */
@FunctionalInterface
interface Operation {
    Future<Reply> handle(RoutingContext ctx, Reseller reseller);
}
