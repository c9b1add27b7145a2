package dev.inkan.orderapi;

import dev.inkan.core.port.IdempotencyStore;
import dev.inkan.core.reseller.IdempotentReply;
import dev.inkan.core.reseller.Reseller;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code Idempotency-Key} on POSTs (draft-ietf-httpapi-idempotency-key-header): the first request with a key runs
 * and its answer is stored; a retry with the same key and the same request gets that answer again and changes
 * nothing. The same key on a different request is 422; while the first still runs, 409. Answers that a retry may
 * change (429, 5xx) are not kept: the key is freed so that the retry runs. A key is kept for {@link #RETENTION}
 * (the draft asks the resource to publish an expiry; 24 hours, as resellers know from other CAs' and payment APIs):
 * after that a request with it runs as new, and the hourly purge deletes it.
 */
final class Idempotency {
    static final String HEADER = "Idempotency-Key";
    static final String REPLAYED = "Idempotent-Replayed";
    static final Duration RETENTION = Duration.ofHours(24);
    private static final Logger LOG = LoggerFactory.getLogger(Idempotency.class);

    private final Vertx vertx;
    private final IdempotencyStore store;
    private final Clock clock;
    private long timer = -1;

    Idempotency(Vertx vertx, IdempotencyStore store, Clock clock) {
        this.vertx = vertx;
        this.store = store;
        this.clock = clock;
    }

    void start(Duration every) {
        timer = vertx.setPeriodic(every.toMillis(), id -> purge()
                .onFailure(e -> LOG.warn("idempotency keys not purged: {}", e.toString())));
    }

    void stop() {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    /** Deletes the keys older than the retention; the number deleted. */
    Future<Long> purge() {
        return store.purge(clock.instant().minus(RETENTION));
    }

    /** A claim past the retention counts as gone, whether or not the purge has deleted it yet. */
    boolean expired(IdempotentReply claim) {
        return !claim.createdAt().isAfter(clock.instant().minus(RETENTION));
    }

    Future<Reply> run(RoutingContext ctx, Reseller reseller, Supplier<Future<Reply>> operation) {
        String key = ctx.request().getHeader(HEADER);
        if (key == null) {
            return operation.get();
        }
        String fingerprint = fingerprint(ctx);
        IdempotentReply running = new IdempotentReply(reseller.id(), key, fingerprint, 0, null, null, null,
                clock.instant());
        return store.claim(running).compose(earlier -> earlier.isPresent() && expired(earlier.get())
                ? store.release(reseller.id(), key).compose(v -> store.claim(running))
                : Future.succeededFuture(earlier)).compose(earlier -> {
            if (earlier.isPresent()) {
                return replay(ctx, earlier.get(), fingerprint);
            }
            return operation.get().recover(e -> {
                ApiProblem p = ApiProblem.from(e);
                if (p.status() >= 500 || p.status() == 429) {
                    return store.release(reseller.id(), key).transform(ignored -> Future.failedFuture(e));
                }
                return Future.succeededFuture(new Reply(p.status(), Reply.PROBLEM,
                        p.json(ctx.request().path()).encode(), null));
            }).compose(reply -> store.complete(new IdempotentReply(reseller.id(), key, fingerprint, reply.status(),
                    reply.contentType(), reply.location(), reply.body(), running.createdAt())).map(reply));
        });
    }

    private static Future<Reply> replay(RoutingContext ctx, IdempotentReply earlier, String fingerprint) {
        if (!earlier.fingerprint().equals(fingerprint)) {
            throw ApiProblem.unprocessable("idempotencyKeyReused",
                    "this Idempotency-Key was used for a different request; use a new key for a new request");
        }
        if (!earlier.complete()) {
            throw ApiProblem.conflict("the first request with this Idempotency-Key is still running; retry later");
        }
        ctx.response().putHeader(REPLAYED, "true");
        return Future.succeededFuture(new Reply(earlier.status(), earlier.contentType(), earlier.body(),
                earlier.location()));
    }

    private static String fingerprint(RoutingContext ctx) {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            d.update((ctx.request().method().name() + " " + ctx.request().path() + "\n").getBytes(StandardCharsets.UTF_8));
            if (ctx.body() != null && ctx.body().buffer() != null) {
                d.update(ctx.body().buffer().getBytes());
            }
            return HexFormat.of().formatHex(d.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
