package dev.inkan.core.model;

import dev.inkan.core.error.Problem;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * An ACME order (RFC 8555 §7.1.3).
 *
 * @param identifiers      lowercased, sorted and without duplicates, so that equal requests compare equal
 * @param notBefore        the requested notBefore, or null
 * @param notAfter         the requested notAfter, or null
 * @param authorizationIds one per identifier, in the order of {@code identifiers}
 * @param profile          the certificate profile name (e.g. {@code dv})
 * @param error            the problem that made the order invalid, or null
 * @param certificateSerial the serial (lowercase hex) of the issued certificate, or null
 * @param updatedAt        when the status last changed
 */
public record Order(
        String id,
        String accountId,
        OrderStatus status,
        Instant expires,
        List<Identifier> identifiers,
        Instant notBefore,
        Instant notAfter,
        List<String> authorizationIds,
        String profile,
        Problem error,
        String certificateSerial,
        Instant createdAt,
        Instant updatedAt) {
    public Order {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(expires, "expires");
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(createdAt, "createdAt");
        identifiers = List.copyOf(identifiers);
        authorizationIds = List.copyOf(authorizationIds);
        if (updatedAt == null) {
            updatedAt = createdAt;
        }
    }
}
