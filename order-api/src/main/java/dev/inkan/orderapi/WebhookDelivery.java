package dev.inkan.orderapi;

import dev.inkan.core.port.Leases;
import dev.inkan.core.port.ResellerStore;
import dev.inkan.core.port.WebhookStore;
import dev.inkan.core.reseller.DeliveryAttempt;
import dev.inkan.core.reseller.Reseller;
import dev.inkan.core.reseller.WebhookEvent;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * POSTs each reseller's events to its webhook one at a time, in sequence order: an event waits until the one before
 * was delivered or given up on. A failed attempt (no answer, or not 2xx) is retried after a backoff that doubles,
 * up to the configured number of attempts; every attempt goes to the delivery log.
 */
final class WebhookDelivery {
    private static final Logger LOG = LoggerFactory.getLogger(WebhookDelivery.class);
    private static final Duration MAX_BACKOFF = Duration.ofHours(1);

    private final Vertx vertx;
    private final WebhookStore webhooks;
    private final ResellerStore resellers;
    private final OrderApiConfig config;
    private final Clock clock;
    private final HttpClient http;
    private final Set<String> inFlight = ConcurrentHashMap.newKeySet();
    private volatile Leases leases;
    private volatile String holder;
    private long timer = -1;
    /** Every half second while events are pending, at most every {@link #IDLE_MILLIS} while none are. */
    static final long TICK_MILLIS = 500;
    static final long IDLE_MILLIS = 8_000;
    private final SweepPace pace = new SweepPace(TICK_MILLIS, IDLE_MILLIS);

    WebhookDelivery(Vertx vertx, WebhookStore webhooks, ResellerStore resellers, OrderApiConfig config, Clock clock) {
        this.vertx = vertx;
        this.webhooks = webhooks;
        this.resellers = resellers;
        this.config = config;
        this.clock = clock;
        this.http = vertx.createHttpClient(new HttpClientOptions()
                .setConnectTimeout((int) config.webhookTimeout().toMillis())
                .setIdleTimeout((int) config.webhookTimeout().toSeconds())
                .setKeepAlive(false));
    }

    /**
     * Several processes deliver: each reseller's events go out from one at a time, the holder of the lease
     * {@code webhooks/<reseller>}, renewed before each event; another process takes over once it lapses. Without
     * it two processes could post the same event at once, and events out of order.
     */
    void shareThrough(Leases leases, String name) {
        byte[] r = new byte[4];
        new java.security.SecureRandom().nextBytes(r);
        this.holder = (name == null || name.isBlank() ? "order-api" : name) + "/" + java.util.HexFormat.of().formatHex(r);
        this.leases = leases;
    }

    void start() {
        timer = vertx.setPeriodic(TICK_MILLIS, id -> {
            if (pace.due(System.nanoTime())) {
                sweep();
            }
        });
    }

    Future<Void> stop() {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
        return http.close();
    }

    /** An event was recorded here: deliver now, and look again at every tick until nothing is pending. */
    void wake() {
        pace.wake();
        sweep();
    }

    private void sweep() {
        webhooks.resellersWithPending()
                .onSuccess(ids -> {
                    // events pending past a failed attempt are due later: keep looking at every tick meanwhile
                    pace.swept(!ids.isEmpty(), System.nanoTime());
                    ids.forEach(this::drain);
                })
                .onFailure(e -> {
                    pace.swept(true, System.nanoTime());
                    LOG.warn("webhook sweep failed: {}", e.toString());
                });
    }

    private void drain(String resellerId) {
        if (!inFlight.add(resellerId)) {
            return;
        }
        mayDeliver(resellerId).compose(mine -> mine ? deliverNext(resellerId) : Future.succeededFuture(false))
                .onComplete(ar -> {
                    inFlight.remove(resellerId);
                    if (ar.failed()) {
                        LOG.warn("webhook delivery for {} failed: {}", resellerId, ar.cause().toString());
                    } else if (ar.result()) {
                        drain(resellerId); // delivered one: the next may go at once
                    }
                });
    }

    /** Whether this process delivers the reseller's events now: always when alone, else while it holds the lease. */
    private Future<Boolean> mayDeliver(String resellerId) {
        Leases shared = leases;
        if (shared == null) {
            return Future.succeededFuture(true);
        }
        // one attempt takes at most the webhook timeout; the term leaves room for it and the store's answers
        Duration term = config.webhookTimeout().multipliedBy(2).plusSeconds(10);
        return shared.acquire("webhooks/" + resellerId, holder, clock.instant(), term);
    }

    /** Attempts the reseller's next event if it is due; true when it reached a final state. */
    private Future<Boolean> deliverNext(String resellerId) {
        return webhooks.nextPending(resellerId).compose(next -> {
            Instant now = clock.instant();
            if (next.isEmpty() || (next.get().nextAttempt() != null && next.get().nextAttempt().isAfter(now))) {
                return Future.succeededFuture(false);
            }
            return resellers.byId(resellerId).compose(r -> attempt(next.get(), r.orElse(null)));
        });
    }

    private Future<Boolean> attempt(WebhookEvent e, Reseller r) {
        int attempt = e.attempts() + 1;
        Instant at = clock.instant();
        if (r == null || r.webhookUrl() == null) {
            DeliveryAttempt a = new DeliveryAttempt(Ids.next("dlv_", at), e.resellerId(), e.id(), e.sequence(), "",
                    attempt, at, 0, "no webhook is registered", 0);
            return webhooks.recordAttempt(a, WebhookEvent.Delivery.FAILED, null).map(true);
        }
        String body = OrderEvents.json(e).encode();
        long started = System.nanoTime();
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST).setAbsoluteURI(r.webhookUrl())
                .setTimeout(config.webhookTimeout().toMillis())
                .putHeader("Content-Type", "application/json")
                .putHeader("User-Agent", "Inkan-Webhooks/1")
                .putHeader("Inkan-Event-Id", e.id())
                .putHeader("Inkan-Event-Type", e.type())
                .putHeader(WebhookSignature.HEADER, WebhookSignature.header(r.webhookSecret(), at, body));
        return http.request(options)
                .compose(req -> req.send(body))
                .compose(resp -> resp.body().map(ignored -> resp.statusCode()))
                .map(status -> new Outcome(status, status >= 200 && status < 300 ? null : "the receiver answered " + status))
                .recover(err -> Future.succeededFuture(new Outcome(0, "no answer: " + err.getMessage())))
                .compose(outcome -> record(e, r.webhookUrl(), attempt, at, outcome.status(), outcome.error(),
                        (System.nanoTime() - started) / 1_000_000));
    }

    private record Outcome(int status, String error) {}

    private Future<Boolean> record(WebhookEvent e, String url, int attempt, Instant at, int status, String error,
            long millis) {
        DeliveryAttempt a = new DeliveryAttempt(Ids.next("dlv_", at), e.resellerId(), e.id(), e.sequence(), url,
                attempt, at, status, error, millis);
        if (error == null) {
            return webhooks.recordAttempt(a, WebhookEvent.Delivery.DELIVERED, null).map(true);
        }
        if (attempt >= config.webhookAttempts()) {
            LOG.warn("webhook event {} given up after {} attempts: {}", e.id(), attempt, error);
            return webhooks.recordAttempt(a, WebhookEvent.Delivery.FAILED, null).map(true);
        }
        Duration wait = config.webhookBackoff().multipliedBy(1L << Math.min(attempt - 1, 20));
        if (wait.compareTo(MAX_BACKOFF) > 0) {
            wait = MAX_BACKOFF;
        }
        return webhooks.recordAttempt(a, WebhookEvent.Delivery.PENDING, at.plus(wait)).map(false);
    }
}
