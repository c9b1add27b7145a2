package dev.inkan.storage;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoServerException;
import com.mongodb.bulk.BulkWriteError;
import dev.inkan.core.error.CaException;
import dev.inkan.core.error.ErrorKind;
import dev.inkan.core.port.Metrics;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import org.reactivestreams.Publisher;

/**
 * Turns driver publishers into Vert.x futures that complete on the calling context, so store callbacks run on
 * the event loop that asked and nothing ever blocks it.
 */
final class Driver {
    static final int DUPLICATE_KEY = 11000;

    private final Vertx vertx;
    private final Metrics metrics;

    Driver(Vertx vertx) {
        this(vertx, Metrics.NONE);
    }

    Driver(Vertx vertx, Metrics metrics) {
        this.vertx = vertx;
        this.metrics = metrics;
    }

    /** Everything the publisher emits. */
    <T> Future<List<T>> all(Publisher<T> publisher) {
        Context context = vertx.getOrCreateContext();
        FutureSubscriber<T> subscriber = new FutureSubscriber<>();
        long started = System.nanoTime();
        publisher.subscribe(subscriber);
        return Future.fromCompletionStage(subscriber.result(), context)
                .onComplete(ar -> metrics.storeCall(Duration.ofNanos(System.nanoTime() - started)))
                .recover(Driver::unwrap);
    }

    /** The first item, if any. */
    <T> Future<Optional<T>> first(Publisher<T> publisher) {
        return all(publisher).map(items -> items.isEmpty() ? Optional.empty() : Optional.ofNullable(items.get(0)));
    }

    /** A write whose duplicate-key failure becomes {@code CaException(CONFLICT, conflictDetail)}. */
    <T> Future<Optional<T>> write(Publisher<T> publisher, String conflictDetail) {
        return this.<T>first(publisher).recover(e -> isDuplicateKey(e)
                ? Future.failedFuture(new CaException(ErrorKind.CONFLICT, conflictDetail, e))
                : Future.failedFuture(e));
    }

    static boolean isDuplicateKey(Throwable e) {
        if (e instanceof MongoBulkWriteException bulk) {
            return bulk.getWriteErrors().stream().map(BulkWriteError::getCode).anyMatch(c -> c == DUPLICATE_KEY);
        }
        return e instanceof MongoServerException server && server.getCode() == DUPLICATE_KEY;
    }

    private static <T> Future<T> unwrap(Throwable e) {
        return Future.failedFuture(e instanceof CompletionException && e.getCause() != null ? e.getCause() : e);
    }
}
