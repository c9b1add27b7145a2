package dev.inkan.harness;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import java.time.Clock;

/**
 * challtestsrv's -http01 server: serves {@code /.well-known/acme-challenge/<token>} (RFC 8555 §8.3) and the
 * redirects set with /add-redirect, and records every request for /http-request-history.
 */
final class Http01Responder {
    static final String WELL_KNOWN = "/.well-known/acme-challenge/";

    private final Vertx vertx;
    private final Http01Responses responses;
    private final RequestHistory history;
    private final Clock clock;
    private HttpServer server;

    Http01Responder(Vertx vertx, Http01Responses responses, RequestHistory history, Clock clock) {
        this.vertx = vertx;
        this.responses = responses;
        this.history = history;
        this.clock = clock;
    }

    Future<Http01Responder> listen(String host, int port) {
        server = vertx.createHttpServer(new HttpServerOptions());
        server.requestHandler(this::handle);
        return server.listen(port, host).map(s -> this);
    }

    int port() {
        return server.actualPort();
    }

    Future<Void> close() {
        return server == null ? Future.succeededFuture() : server.close();
    }

    private void handle(HttpServerRequest request) {
        String host = request.authority() == null ? "" : request.authority().toString();
        history.addHttp(new HttpRequestEvent(request.uri(), host, false, "", clock.instant()));
        String path = request.path();
        var redirect = responses.redirect(path);
        if (redirect.isPresent()) {
            // challtestsrv answers 302 Found for a redirect it was told to serve.
            request.response().setStatusCode(302).putHeader("Location", redirect.get()).end();
            return;
        }
        if (path.startsWith(WELL_KNOWN)) {
            var content = responses.content(path.substring(WELL_KNOWN.length()));
            if (content.isPresent()) {
                request.response().putHeader("Content-Type", "text/plain").end(content.get());
                return;
            }
        }
        request.response().setStatusCode(404).end();
    }
}
