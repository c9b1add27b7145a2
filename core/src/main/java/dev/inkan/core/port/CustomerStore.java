package dev.inkan.core.port;

import dev.inkan.core.reseller.Customer;
import io.vertx.core.Future;
import java.util.List;
import java.util.Optional;

/** Resellers' customers. */
public interface CustomerStore {
    Future<Customer> insert(Customer customer);

    Future<Optional<Customer>> byId(String id);

    /** A page of the reseller's customers, newest first. @param beforeId the last id of the previous page, or null */
    Future<List<Customer>> byReseller(String resellerId, String beforeId, int limit);
}
