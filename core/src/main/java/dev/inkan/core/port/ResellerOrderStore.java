package dev.inkan.core.port;

import dev.inkan.core.error.Problem;
import dev.inkan.core.reseller.ResellerOrder;
import dev.inkan.core.reseller.ResellerOrderStatus;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Orders placed through the order API. A status change is one conditional update from the expected status; empty
 * means another change came first and nothing was written, so each change is seen (and told) once.
 */
public interface ResellerOrderStore {
    Future<ResellerOrder> insert(ResellerOrder order);

    Future<Optional<ResellerOrder>> byId(String id);

    Future<Optional<ResellerOrder>> byRaOrderId(String raOrderId);

    Future<Optional<ResellerOrder>> byCertificateSerial(String serial);

    /**
     * A page of the reseller's orders, newest first.
     *
     * @param status   only this status, or null
     * @param name     only orders holding this name, or null
     * @param beforeId the last id of the previous page, or null
     */
    Future<List<ResellerOrder>> byReseller(String resellerId, ResellerOrderStatus status, String name,
            String beforeId, int limit);

    /** Orders the CA still moves on by itself (PENDING, PROCESSING), oldest change first. */
    Future<List<ResellerOrder>> moving(int limit);

    /**
     * {@code from} to {@code to}; with {@code serial} and {@code notAfter} for ISSUED, {@code error} for INVALID.
     */
    Future<Optional<ResellerOrder>> transition(String id, ResellerOrderStatus from, ResellerOrderStatus to,
            String serial, Instant notAfter, Problem error, Instant at);

    /** Changes one name's validation method while the order is PENDING. */
    Future<Optional<ResellerOrder>> switchMethod(String id, String name, String method, Instant at);

    /** ISSUED orders whose certificate ends before {@code before} and that were not reminded yet. */
    Future<List<ResellerOrder>> unremindedExpiringBefore(Instant before, int limit);

    /** Records the reminder once; empty when it was already recorded. */
    Future<Optional<ResellerOrder>> markReminded(String id, Instant at);
}
