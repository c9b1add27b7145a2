package dev.inkan.core.reseller;

import java.time.Instant;
import java.util.Objects;

/**
 * One API key of a reseller. Only the SHA-256 of its secret is kept; the secret itself is shown once.
 *
 * @param expiresAt when a rotated-out key stops working, or null while it is the current one
 * @param revokedAt when the operator revoked it, or null
 */
public record ApiKey(String id, String resellerId, String secretSha256, Instant createdAt, Instant expiresAt,
        Instant revokedAt) {
    public ApiKey {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(resellerId, "resellerId");
        Objects.requireNonNull(secretSha256, "secretSha256");
        Objects.requireNonNull(createdAt, "createdAt");
    }

    /** Not revoked and not past the end of its rotation overlap. */
    public boolean liveAt(Instant now) {
        return revokedAt == null && (expiresAt == null || expiresAt.isAfter(now));
    }
}
