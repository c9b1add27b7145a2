package dev.inkan.core.reseller;

import java.time.Instant;
import java.util.Objects;

/**
 * One order state change, told to the reseller's webhook and listed for polling. Events of one reseller are
 * numbered without gaps and delivered one at a time in that order.
 *
 * @param sequence    1, 2, 3, ... per reseller
 * @param type        e.g. {@code order.issued}
 * @param payload     the JSON body POSTed to the webhook
 * @param delivery    PENDING, DELIVERED, FAILED (gave up) or NONE (no webhook was registered)
 * @param attempts    delivery attempts made so far
 * @param nextAttempt when the next attempt is due, or null
 */
public record WebhookEvent(
        String id,
        String resellerId,
        long sequence,
        String type,
        String orderId,
        String payload,
        Instant createdAt,
        Delivery delivery,
        int attempts,
        Instant nextAttempt) {
    public enum Delivery { PENDING, DELIVERED, FAILED, NONE }

    public WebhookEvent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(resellerId, "resellerId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(delivery, "delivery");
    }
}
