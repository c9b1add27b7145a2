package dev.inkan.storage;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

/**
 * Collects everything a driver publisher emits into a {@link CompletableFuture}. The driver calls it on its
 * own threads; {@link Driver} hands the result back to the caller's Vert.x context.
 */
final class FutureSubscriber<T> implements Subscriber<T> {
    private final CompletableFuture<List<T>> result = new CompletableFuture<>();
    private final List<T> items = new ArrayList<>();

    CompletableFuture<List<T>> result() {
        return result;
    }

    @Override
    public void onSubscribe(Subscription subscription) {
        subscription.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(T item) {
        synchronized (items) {
            items.add(item);
        }
    }

    @Override
    public void onError(Throwable error) {
        result.completeExceptionally(error);
    }

    @Override
    public void onComplete() {
        synchronized (items) {
            result.complete(List.copyOf(items));
        }
    }
}
