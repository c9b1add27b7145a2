package dev.inkan.validators;

import dev.inkan.core.error.ErrorKind;
import dev.inkan.core.error.Problem;
import dev.inkan.core.port.ValidationAuthority;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Caps on validations in flight, over the whole validation authority (every perspective included): at most
 * {@code overall} at once, and at most {@code perAccount} for one account, so that one account answering hundreds of
 * challenges from hostile servers delays only its own validations. A request over a cap waits its turn in arrival
 * order; one that waits longer than {@code maxWait} is answered {@code rateLimited} without being run.
 */
public final class ValidationSlots implements ValidationAuthority {
    /** Validations in flight at once when not configured. */
    public static final int DEFAULT_OVERALL = 64;
    /** Validations of one account in flight at once when not configured. */
    public static final int DEFAULT_PER_ACCOUNT = 8;

    private final ValidationAuthority next;
    private final Vertx vertx;
    private final int overall;
    private final int perAccount;
    private final Duration maxWait;
    private final Deque<Waiting> queue = new ArrayDeque<>();
    private final Map<String, Integer> running = new HashMap<>();
    private int total;

    public ValidationSlots(ValidationAuthority next, Vertx vertx, int overall, int perAccount, Duration maxWait) {
        if (overall < 1 || perAccount < 1) {
            throw new IllegalArgumentException("validation caps must be at least 1, not " + overall + " and " + perAccount);
        }
        this.next = next;
        this.vertx = vertx;
        this.overall = overall;
        this.perAccount = perAccount;
        this.maxWait = maxWait;
    }

    private record Waiting(String account, ValidationRequest request, Promise<ValidationOutcome> promise,
            Context context) {}

    @Override
    public Future<ValidationOutcome> validate(ValidationRequest request) {
        Context context = vertx.getOrCreateContext();
        Promise<ValidationOutcome> promise = Promise.promise();
        Waiting w = new Waiting(request.accountUrl() == null ? "" : request.accountUrl(), request, promise, context);
        synchronized (this) {
            queue.addLast(w);
        }
        long timer = vertx.setTimer(maxWait.toMillis(), id -> {
            boolean removed;
            synchronized (this) {
                removed = queue.remove(w);
            }
            if (removed) {
                promise.tryComplete(new ValidationOutcome(false, Problem.of(ErrorKind.RATE_LIMITED,
                        "too many validations of this account or of this CA are running; " + request.identifier().value()
                                + " waited " + maxWait.toSeconds() + " s without a turn, retry with a new order"),
                        List.of()));
            }
        });
        promise.future().onComplete(ar -> vertx.cancelTimer(timer));
        admit();
        return promise.future();
    }

    /** Validations in flight now; for tests and metrics. */
    public synchronized int inFlight() {
        return total;
    }

    /** Validations waiting for a slot now; for tests and metrics. */
    public synchronized int waiting() {
        return queue.size();
    }

    private void admit() {
        List<Waiting> start = new ArrayList<>();
        synchronized (this) {
            var it = queue.iterator();
            while (it.hasNext() && total < overall) {
                Waiting w = it.next();
                if (running.getOrDefault(w.account(), 0) < perAccount) {
                    it.remove();
                    total++;
                    running.merge(w.account(), 1, Integer::sum);
                    start.add(w);
                }
            }
        }
        for (Waiting w : start) {
            w.context().runOnContext(v -> run(w));
        }
    }

    private void run(Waiting w) {
        Future<ValidationOutcome> f;
        try {
            f = next.validate(w.request());
        } catch (RuntimeException e) {
            f = Future.failedFuture(e);
        }
        f.onComplete(ar -> {
            synchronized (this) {
                total--;
                running.computeIfPresent(w.account(), (k, n) -> n <= 1 ? null : n - 1);
            }
            w.promise().handle(ar);
            admit();
        });
    }
}
