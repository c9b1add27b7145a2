package dev.inkan.acme.route;

import dev.inkan.acme.jws.NonceService;
import dev.inkan.acme.wire.AcmeUrls;
import io.vertx.core.MultiMap;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.PlatformHandler;

/**
 * Headers every answer carries, problems included, added as the headers go out: a fresh Replay-Nonce
 * (RFC 8555 §6.5, so a client refused with badNonce can retry at once), the directory as rel="index"
 * (§7.1) and, unless the resource chose otherwise, Cache-Control: no-store (§7.2).
 */
final class AcmeHeaders implements PlatformHandler {
    private final NonceService nonces;
    private final String indexLink;

    AcmeHeaders(NonceService nonces, AcmeUrls urls) {
        this.nonces = nonces;
        this.indexLink = "<" + urls.directory() + ">;rel=\"index\"";
    }

    @Override
    public void handle(RoutingContext ctx) {
        ctx.addHeadersEndHandler(v -> {
            MultiMap headers = ctx.response().headers();
            headers.set("Replay-Nonce", nonces.issue());
            headers.add("Link", indexLink);
            if (!headers.contains("Cache-Control")) {
                headers.set("Cache-Control", "no-store");
            }
        });
        ctx.next();
    }
}
