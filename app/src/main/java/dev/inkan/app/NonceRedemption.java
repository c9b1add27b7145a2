package dev.inkan.app;

import dev.inkan.acme.AcmeServer;
import dev.inkan.acme.jws.NonceIssuers;
import dev.inkan.core.port.FrontEnds;
import dev.inkan.core.port.FrontEnds.FrontEnd;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Nonces across front ends, as Boulder routes them (docs/design/nonces.md): this front end announces its nonce
 * prefix and the address of its internal redemption route in the store, again at every heartbeat; a nonce of another
 * prefix is sent to the front end announced under it, if its heartbeat is recent, and is good when that front end
 * accepts it. A front end that is unknown, silent or unreachable makes its nonces badNonce, which clients retry.
 */
final class NonceRedemption implements NonceIssuers {
    private static final Logger LOG = LoggerFactory.getLogger(NonceRedemption.class);
    static final String PATH = "/internal/nonce-redemption";
    static final Duration HEARTBEAT = Duration.ofSeconds(5);
    /** Three missed heartbeats: the front end is taken for dead and not asked. */
    static final Duration SILENT_AFTER = HEARTBEAT.multipliedBy(3);
    /** How long one redemption may take at the other front end, connection included; then the nonce is badNonce. */
    private static final int ASK_WITHIN_MILLIS = 2_000;

    private final Vertx vertx;
    private final FrontEnds frontEnds;
    private final Clock clock;
    private final String name;
    private final HttpClient http;
    private final PrometheusMetrics metrics;
    private final Map<String, FrontEnd> known = new ConcurrentHashMap<>();
    private volatile AcmeServer acme;
    private volatile String token;
    private volatile FrontEnd self;
    private long heartbeat = -1;

    NonceRedemption(Vertx vertx, FrontEnds frontEnds, Clock clock, String name, PrometheusMetrics metrics) {
        this.vertx = vertx;
        this.metrics = metrics;
        this.frontEnds = frontEnds;
        this.clock = clock;
        this.name = name;
        this.http = vertx.createHttpClient(new HttpClientOptions().setConnectTimeout(ASK_WITHIN_MILLIS)
                .setIdleTimeout(ASK_WITHIN_MILLIS).setIdleTimeoutUnit(java.util.concurrent.TimeUnit.MILLISECONDS)
                .setKeepAlive(true));
    }

    /** The route the other front ends send this one's nonces to; answers 503 until {@link #serve} is called. */
    void mount(Router router) {
        router.post(PATH).handler(BodyHandler.create(false).setBodyLimit(1024)).handler(this::redeemHere);
    }

    /** Starts taking this front end's nonces from the others and announces it under its prefix. */
    Future<Void> serve(AcmeServer server, String redeemUrl) {
        acme = server;
        token = server.nonceRedemptionToken();
        self = new FrontEnd(server.noncePrefix(), redeemUrl, name, clock.instant());
        heartbeat = vertx.setPeriodic(HEARTBEAT.toMillis(), id -> announce()
                .onFailure(e -> LOG.warn("nonce prefix {} not announced: {}", self.noncePrefix(), e.toString())));
        LOG.info("redeeming nonces of prefix {} for the other front ends at {}", self.noncePrefix(), redeemUrl);
        return announce();
    }

    private Future<Void> announce() {
        FrontEnd me = self;
        return frontEnds.announce(new FrontEnd(me.noncePrefix(), me.redeemUrl(), me.name(), clock.instant()));
    }

    /** Stops the heartbeat and withdraws the announcement, so the others stop asking at once. */
    Future<Void> stop() {
        if (heartbeat >= 0) {
            vertx.cancelTimer(heartbeat);
        }
        http.close();
        FrontEnd me = self;
        return me == null ? Future.succeededFuture() : frontEnds.withdraw(me.noncePrefix()).recover(e -> {
            LOG.warn("nonce prefix {} not withdrawn: {}", me.noncePrefix(), e.toString());
            return Future.succeededFuture();
        });
    }

    @Override
    public Future<Boolean> redeem(String prefix, String nonce) {
        FrontEnd cached = known.get(prefix);
        Future<Optional<FrontEnd>> where = cached != null && alive(cached)
                ? Future.succeededFuture(Optional.of(cached))
                : frontEnds.byNoncePrefix(prefix).map(found -> {
                    found.ifPresent(f -> known.put(prefix, f));
                    return found;
                });
        return where.compose(found -> {
            if (found.isEmpty() || !alive(found.get())) {
                metrics.nonceSentOn("unknown");
                return Future.succeededFuture(false);
            }
            return ask(found.get(), nonce).map(accepted -> {
                metrics.nonceSentOn(accepted ? "accepted" : "refused");
                return accepted;
            }).recover(e -> {
                // gone since its last heartbeat: ask the store again next time
                known.remove(prefix);
                metrics.nonceSentOn("unreachable");
                LOG.info("front end {} did not redeem a nonce: {}", found.get().name(), e.toString());
                return Future.succeededFuture(false);
            });
        });
    }

    private boolean alive(FrontEnd f) {
        return f.seenAt().plus(SILENT_AFTER).isAfter(clock.instant());
    }

    private Future<Boolean> ask(FrontEnd f, String nonce) {
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST)
                .setAbsoluteURI(f.redeemUrl() + PATH).putHeader("Authorization", "Bearer " + token)
                .putHeader("Content-Type", "text/plain").setConnectTimeout(ASK_WITHIN_MILLIS)
                .setIdleTimeout(ASK_WITHIN_MILLIS);
        return http.request(options)
                .compose(request -> request.send(Buffer.buffer(nonce, "US-ASCII")))
                .compose(response -> response.body().map(body -> response.statusCode() == 200));
    }

    private void redeemHere(RoutingContext ctx) {
        AcmeServer server = acme;
        String expected = token;
        if (server == null || expected == null) {
            ctx.response().setStatusCode(503).end();
            return;
        }
        String given = ctx.request().getHeader("Authorization");
        if (given == null || !MessageDigest.isEqual(("Bearer " + expected).getBytes(StandardCharsets.US_ASCII),
                given.getBytes(StandardCharsets.US_ASCII))) {
            ctx.response().setStatusCode(401).end();
            return;
        }
        String nonce = ctx.body().asString("US-ASCII");
        // 409: not redeemed (spent, expired, or not ours); the asking front end answers its client badNonce
        ctx.response().setStatusCode(nonce != null && server.redeemOwnNonce(nonce.trim()) ? 200 : 409).end();
    }
}
