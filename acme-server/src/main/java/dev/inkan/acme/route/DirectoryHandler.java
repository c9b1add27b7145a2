package dev.inkan.acme.route;

import dev.inkan.acme.wire.DirectoryJson;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;

/** GET /directory (RFC 8555 §7.1.1). */
final class DirectoryHandler implements UnsignedHandler {
    private final Reply reply;

    DirectoryHandler(DirectoryJson directory) {
        // the directory changes only with the configuration; let clients revalidate rather than refetch blindly
        this.reply = Reply.json(200, directory.toJson()).header("Cache-Control", "public, max-age=0, no-cache");
    }

    @Override
    public Future<Reply> handle(RoutingContext ctx) {
        return Future.succeededFuture(reply);
    }
}
