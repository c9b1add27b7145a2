package dev.inkan.core.port;

import dev.inkan.core.model.Order;
import io.vertx.core.Future;
import java.util.List;
import java.util.Optional;

/** Read-only view of orders, for the front ends. */
public interface OrderReader {
    Future<Optional<Order>> byId(String id);

    /**
     * One page of an account's orders in a stable order (RFC 8555 §7.1.2.1).
     *
     * @param afterId the last id of the previous page, or null for the first page
     */
    Future<List<Order>> byAccount(String accountId, String afterId, int limit);
}
