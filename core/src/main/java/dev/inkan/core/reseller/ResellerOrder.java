package dev.inkan.core.reseller;

import dev.inkan.core.error.Problem;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An order placed through the order API: the RA order it drives, the CSR it will finalize with, and the validation
 * method the reseller chose for each name.
 *
 * @param names             lowercased, sorted, without duplicates (as the RA order's identifiers)
 * @param methods           name to validation method ({@code http-01}, {@code dns-01}, ...)
 * @param raOrderId         the RA order
 * @param reissueOf         the order this one reissues with a new key, or null
 * @param certificateSerial the issued certificate's serial, or null
 * @param notAfter          the issued certificate's notAfter, or null
 * @param error             why it became invalid, or null
 * @param remindedAt        when the expiry reminder went out, or null
 */
public record ResellerOrder(
        String id,
        String resellerId,
        String customerId,
        ResellerOrderStatus status,
        List<String> names,
        Map<String, String> methods,
        String profile,
        byte[] csrDer,
        String raOrderId,
        String reissueOf,
        String certificateSerial,
        Instant notAfter,
        Problem error,
        Instant createdAt,
        Instant updatedAt,
        Instant remindedAt) {
    public ResellerOrder {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(resellerId, "resellerId");
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(raOrderId, "raOrderId");
        Objects.requireNonNull(createdAt, "createdAt");
        names = List.copyOf(names);
        methods = Map.copyOf(methods);
        if (updatedAt == null) {
            updatedAt = createdAt;
        }
    }
}
