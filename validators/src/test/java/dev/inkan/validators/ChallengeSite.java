package dev.inkan.validators;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SelfSignedCertificate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** A web site on 127.0.0.1 for http-01 tests: answers per path as told, 404 otherwise, and remembers Host headers. */
final class ChallengeSite {
    private final Map<String, Handler<HttpServerRequest>> routes = new ConcurrentHashMap<>();
    final List<String> hostsSeen = new CopyOnWriteArrayList<>();
    final List<String> serverNamesSeen = new CopyOnWriteArrayList<>();
    private HttpServer server;

    Future<ChallengeSite> start(Vertx vertx) {
        return start(vertx, new HttpServerOptions());
    }

    /** The same site over TLS, with a throwaway self-signed certificate (validation must not care). */
    Future<ChallengeSite> startTls(Vertx vertx) {
        SelfSignedCertificate cert = SelfSignedCertificate.create("localhost");
        return start(vertx, new HttpServerOptions().setSsl(true).setSni(true).setKeyCertOptions(cert.keyCertOptions()));
    }

    private Future<ChallengeSite> start(Vertx vertx, HttpServerOptions options) {
        server = vertx.createHttpServer(options);
        server.requestHandler(req -> {
            hostsSeen.add(req.getHeader("Host"));
            if (req.isSSL()) {
                serverNamesSeen.add(String.valueOf(req.connection().indicatedServerName()));
            }
            routes.getOrDefault(req.path(), r -> r.response().setStatusCode(404).end("not here")).handle(req);
        });
        return server.listen(0, "127.0.0.1").map(s -> this);
    }

    int port() {
        return server.actualPort();
    }

    void serve(String path, String body) {
        routes.put(path, req -> req.response().end(body));
    }

    void on(String path, Handler<HttpServerRequest> handler) {
        routes.put(path, handler);
    }

    void redirect(String path, String location) {
        routes.put(path, req -> req.response().setStatusCode(302).putHeader("Location", location).end());
    }

    Future<Void> stop() {
        return server.close();
    }
}
