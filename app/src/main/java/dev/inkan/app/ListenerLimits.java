package dev.inkan.app;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What every HTTP listener of the CA holds to, against slow and greedy clients (slowloris): a connection idle this
 * long is closed; a request's line and headers must arrive within the header timeout of the connection opening or
 * of the previous answer (an idle timeout alone lets a client trickle a header byte now and then for ever); at most
 * {@code maxConnections} connections per listener, further ones closed at once; request line and headers capped.
 * Bodies are capped by each listener's routes (ACME, OCSP POST, admin).
 *
 * @param proxyProtocol the listeners clients reach through the balancer (ACME, order API, portal, console) take
 *                      each connection's client address from the PROXY protocol header the balancer sends first
 *                      (haproxy {@code send-proxy-v2}); without it, rate limits and sign-in throttling per address
 *                      would count the balancer's address for everyone
 */
record ListenerLimits(int idleTimeoutSeconds, int headerTimeoutSeconds, int maxConnections, int maxHeaderBytes,
        boolean proxyProtocol) {
    static final int MAX_REQUEST_LINE = 8192;

    static ListenerLimits from(JsonObject l) {
        JsonObject c = l == null ? new JsonObject() : l;
        ListenerLimits limits = new ListenerLimits(c.getInteger("idleTimeoutSeconds", 75),
                c.getInteger("headerTimeoutSeconds", 20), c.getInteger("maxConnections", 4096),
                c.getInteger("maxHeaderBytes", 16 * 1024), c.getBoolean("proxyProtocol", false));
        if (limits.idleTimeoutSeconds < 1 || limits.headerTimeoutSeconds < 1 || limits.maxConnections < 1
                || limits.maxHeaderBytes < 1024) {
            throw new IllegalArgumentException("listeners.idleTimeoutSeconds, headerTimeoutSeconds and maxConnections"
                    + " must be at least 1, maxHeaderBytes at least 1024");
        }
        return limits;
    }

    /** The options with these limits set. */
    HttpServerOptions applyTo(HttpServerOptions options) {
        // No h2c: while Vert.x sniffs for its preface the connection has no handler yet, so neither the cap nor the
        // header deadline would hold; TLS handshakes are bounded by Vert.x's handshake timeout (10 s).
        return options.setIdleTimeout(idleTimeoutSeconds).setIdleTimeoutUnit(TimeUnit.SECONDS)
                .setMaxHeaderSize(maxHeaderBytes).setMaxInitialLineLength(MAX_REQUEST_LINE)
                .setHttp2ClearTextEnabled(false);
    }

    /** The options of a listener clients reach through the balancer: the PROXY protocol when configured. */
    HttpServerOptions clientFacing(HttpServerOptions options) {
        return options.setUseProxyProtocol(proxyProtocol);
    }

    /** A server with these limits around the given request handler. */
    HttpServer server(Vertx vertx, HttpServerOptions options, Handler<HttpServerRequest> handler) {
        Guard guard = new Guard(vertx, this);
        return vertx.createHttpServer(applyTo(options)).connectionHandler(guard::opened)
                .requestHandler(req -> guard.request(req, handler));
    }

    /** The connection count and each connection's header deadline. */
    static final class Guard {
        private final Vertx vertx;
        private final ListenerLimits limits;
        private final AtomicInteger open = new AtomicInteger();
        private final Map<HttpConnection, Long> headerTimers = new ConcurrentHashMap<>();

        Guard(Vertx vertx, ListenerLimits limits) {
            this.vertx = vertx;
            this.limits = limits;
        }

        void opened(HttpConnection c) {
            if (open.incrementAndGet() > limits.maxConnections) {
                open.decrementAndGet();
                closeNow(c);
                return;
            }
            c.closeHandler(v -> {
                open.decrementAndGet();
                Long t = headerTimers.remove(c);
                if (t != null) {
                    vertx.cancelTimer(t);
                }
            });
            arm(c);
        }

        void request(HttpServerRequest req, Handler<HttpServerRequest> handler) {
            HttpConnection c = req.connection();
            Long t = headerTimers.remove(c);
            if (t != null) {
                vertx.cancelTimer(t);
            }
            // keep-alive: the next request's headers get the same deadline from this answer on
            req.response().endHandler(v -> arm(c));
            handler.handle(req);
        }

        private void arm(HttpConnection c) {
            long id = vertx.setTimer(TimeUnit.SECONDS.toMillis(limits.headerTimeoutSeconds), x -> {
                if (headerTimers.remove(c) != null) {
                    closeNow(c);
                }
            });
            Long previous = headerTimers.put(c, id);
            if (previous != null) {
                vertx.cancelTimer(previous);
            }
        }

        /**
         * HttpConnection.close() shuts an HTTP/1.1 connection down gracefully, after the request being read, which a
         * trickling client never finishes; the channel itself is closed instead.
         */
        private static void closeNow(HttpConnection c) {
            if (c instanceof io.vertx.core.net.impl.ConnectionBase base) {
                base.channel().close();
            } else {
                c.close();
            }
        }

        int open() {
            return open.get();
        }
    }
}
