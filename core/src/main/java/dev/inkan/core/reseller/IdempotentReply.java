package dev.inkan.core.reseller;

import java.time.Instant;
import java.util.Objects;

/**
 * The first answer to a POST carrying an {@code Idempotency-Key} (draft-ietf-httpapi-idempotency-key-header),
 * replayed to every retry with the same key.
 *
 * @param fingerprint SHA-256 of the method, path and body, so a key reused for another request is refused
 * @param status      0 while the first request is still running
 */
public record IdempotentReply(String resellerId, String key, String fingerprint, int status, String contentType,
        String location, String body, Instant createdAt) {
    public IdempotentReply {
        Objects.requireNonNull(resellerId, "resellerId");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(fingerprint, "fingerprint");
        Objects.requireNonNull(createdAt, "createdAt");
    }

    public boolean complete() {
        return status != 0;
    }
}
