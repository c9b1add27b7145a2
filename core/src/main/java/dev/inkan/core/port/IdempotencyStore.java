package dev.inkan.core.port;

import dev.inkan.core.reseller.IdempotentReply;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.Optional;

/** The first answers to POSTs with an {@code Idempotency-Key}, per reseller and key. */
public interface IdempotencyStore {
    /**
     * Claims the key for a request about to run; when the key was claimed before, returns that claim (complete
     * or still running) and claims nothing.
     */
    Future<Optional<IdempotentReply>> claim(IdempotentReply running);

    /** Stores the answer of the claimed request. */
    Future<Void> complete(IdempotentReply reply);

    /** Frees the key after a failure that changed nothing, so that a retry runs again. */
    Future<Void> release(String resellerId, String key);

    /** Deletes every claim made before {@code createdBefore}, answered or not; the number deleted. */
    Future<Long> purge(Instant createdBefore);
}
