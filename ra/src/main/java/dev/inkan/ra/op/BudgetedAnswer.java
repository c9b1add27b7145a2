package dev.inkan.ra.op;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * An answer that waits a short budget for the background work an operation started (finalize's issuance, a
 * challenge's validation): the record as that work left it when it ended in time, else the record as started, which
 * the client then polls.
 */
final class BudgetedAnswer {
    private BudgetedAnswer() {}

    static <T> Future<T> of(Vertx vertx, Duration budget, T asStarted, Future<?> work,
            Supplier<Future<Optional<T>>> reread) {
        long millis = budget.toMillis();
        if (millis <= 0) {
            return Future.succeededFuture(asStarted);
        }
        Promise<T> answer = Promise.promise();
        long timer = vertx.setTimer(millis, id -> answer.tryComplete(asStarted));
        work.onComplete(done -> {
            vertx.cancelTimer(timer);
            if (answer.future().isComplete()) {
                return;
            }
            reread.get().onComplete(read -> answer.tryComplete(
                    read.succeeded() ? read.result().orElse(asStarted) : asStarted));
        });
        return answer.future();
    }
}
