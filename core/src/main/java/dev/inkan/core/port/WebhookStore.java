package dev.inkan.core.port;

import dev.inkan.core.reseller.DeliveryAttempt;
import dev.inkan.core.reseller.WebhookEvent;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Order events, their delivery state and the log of delivery attempts. */
public interface WebhookStore {
    /**
     * Appends an event with the reseller's next sequence number (the number is taken atomically, so concurrent
     * appends never share one).
     *
     * @param template the event without its id and sequence (both are set here)
     */
    Future<WebhookEvent> append(WebhookEvent template);

    /** The reseller's events with a sequence above {@code afterSequence}, in sequence order. */
    Future<List<WebhookEvent>> events(String resellerId, long afterSequence, int limit);

    /** Resellers with a PENDING event. */
    Future<List<String>> resellersWithPending();

    /** The reseller's lowest-numbered PENDING event: the one to deliver next. */
    Future<Optional<WebhookEvent>> nextPending(String resellerId);

    /** Records an attempt and moves the event to {@code delivery}, setting its attempts and next attempt. */
    Future<Void> recordAttempt(DeliveryAttempt attempt, WebhookEvent.Delivery delivery, Instant nextAttempt);

    /** The reseller's delivery attempts, newest first. @param beforeId the last id of the previous page, or null */
    Future<List<DeliveryAttempt>> attempts(String resellerId, String beforeId, int limit);
}
