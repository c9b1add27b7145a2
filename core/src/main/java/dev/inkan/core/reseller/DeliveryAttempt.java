package dev.inkan.core.reseller;

import java.time.Instant;
import java.util.Objects;

/**
 * One POST of an event to a webhook, for the delivery log.
 *
 * @param statusCode the receiver's HTTP status, or 0 when no answer came
 * @param error      what went wrong (connection refused, timeout, a non-2xx status), or null on success
 */
public record DeliveryAttempt(String id, String resellerId, String eventId, long sequence, String url, int attempt,
        Instant at, int statusCode, String error, long millis) {
    public DeliveryAttempt {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(resellerId, "resellerId");
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(at, "at");
    }
}
