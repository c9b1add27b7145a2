package dev.inkan.storage;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.internal.ContextInternal;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Records one request has read, kept on the request's own Vert.x context (every HTTP request runs on a context of its
 * own, a duplicate of its event loop's): the memory ends with the request and is shared with nothing else. Outside a
 * request (timers, the issuance queue) nothing is kept and every read goes to the store. Used by
 * {@link RequestAccounts}, {@link RequestOrders} and {@link RequestAuthorizations}, each with a key type of its own.
 */
final class RequestMemory {
    private RequestMemory() {}

    /** The record kept under {@code key} in this request, else {@code read}'s, then kept when found. */
    static <T> Future<Optional<T>> read(Object key, Class<T> type, Supplier<Future<Optional<T>>> read) {
        Map<Object, Object> request = requestData();
        if (request == null) {
            return read.get();
        }
        Object known = request.get(key);
        if (type.isInstance(known)) {
            return Future.succeededFuture(Optional.of(type.cast(known)));
        }
        return read.get().onSuccess(found -> found.ifPresent(r -> request.put(key, r)));
    }

    /** Forgets what this request kept under {@code key}, before a write that may change it. */
    static void forget(Object key) {
        Map<Object, Object> request = requestData();
        if (request != null) {
            request.remove(key);
        }
    }

    /** The current request's own data, or null outside a request (no context, or an event loop's own context). */
    private static Map<Object, Object> requestData() {
        Context context = Vertx.currentContext();
        if (context instanceof ContextInternal internal && internal.isDuplicate()) {
            return internal.localContextData();
        }
        return null;
    }
}
