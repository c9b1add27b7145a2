package dev.inkan.ra.op;

import io.vertx.core.Future;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Work the RA starts and does not wait for (validation, issuance), tracked so that shutdown can wait for
 * it to finish instead of cutting it off mid-way.
 */
public final class BackgroundWork {
    private static final Logger LOG = LoggerFactory.getLogger(BackgroundWork.class);

    private final Set<Future<?>> running = ConcurrentHashMap.newKeySet();

    /**
     * Starts the work now; its failure is only logged. The result says when it ended, for a caller that may wait a
     * little (finalize answering with the issued order); shutdown waits for it regardless.
     */
    public Future<?> start(String what, Supplier<Future<?>> work) {
        Future<?> f;
        try {
            f = work.get();
        } catch (RuntimeException e) {
            f = Future.failedFuture(e);
        }
        Future<?> tracked = f;
        running.add(tracked);
        tracked.onComplete(ar -> {
            running.remove(tracked);
            if (ar.failed()) {
                LOG.error("background work failed: {}", what, ar.cause());
            }
        });
        return tracked;
    }

    /** Completes once every piece of work started before this call has finished. */
    public Future<Void> drained() {
        List<Future<?>> now = List.copyOf(running);
        return Future.join(now).transform(ar -> Future.succeededFuture());
    }
}
