package dev.inkan.core.port;

import dev.inkan.core.error.Problem;
import dev.inkan.core.model.Identifier;
import dev.inkan.core.model.Order;
import dev.inkan.core.model.OrderStatus;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Orders. Every state change is one conditional update from the expected state (RFC 8555 §7.1.6);
 * empty means the order was not in that state any more and nothing was written.
 */
public interface OrderStore extends OrderReader {
    Future<Order> insert(Order order);

    /** A PENDING or READY order of this account with exactly these identifiers and profile, unexpired at {@code now}. */
    Future<Optional<Order>> findReusable(String accountId, List<Identifier> identifiers, String profile, Instant now);

    Future<Optional<Order>> transition(String id, OrderStatus from, OrderStatus to, Instant at);

    /** {@code from} to INVALID with the problem that caused it. */
    Future<Optional<Order>> fail(String id, OrderStatus from, Problem error, Instant at);

    /** PROCESSING to VALID with the serial of the issued certificate. */
    Future<Optional<Order>> complete(String id, String certificateSerial, Instant at);

    /** Orders PROCESSING since before {@code updatedBefore}: work a crash may have interrupted. */
    Future<List<Order>> processingSince(Instant updatedBefore);

    /**
     * The orders of {@code accountId} whose status is PENDING or READY and whose {@code authorizationIds}
     * contain {@code authorizationId}, in any order, expired ones included. The RA calls it when an
     * authorization becomes valid, invalid or deactivated, to move those orders on (RFC 8555 §7.1.6:
     * PENDING to READY once every authorization is valid, PENDING or READY to INVALID when one fails).
     */
    Future<List<Order>> pendingOrReadyWithAuthorization(String accountId, String authorizationId);
}
