package dev.inkan.acme.route;

import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;

/** HEAD and GET /acme/new-nonce (RFC 8555 §7.2): the nonce itself is added with every answer's headers. */
final class NonceHandler implements UnsignedHandler {

    @Override
    public Future<Reply> handle(RoutingContext ctx) {
        // RFC 8555 §7.2: 200 to HEAD, 204 to GET
        return Future.succeededFuture(Reply.empty(ctx.request().method() == HttpMethod.HEAD ? 200 : 204));
    }
}
