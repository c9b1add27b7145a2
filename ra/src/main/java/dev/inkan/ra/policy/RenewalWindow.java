package dev.inkan.ra.policy;

import java.time.Duration;
import java.time.Instant;

/**
 * When ARI tells a client to renew (RFC 9773 §4.2). Ordinarily the window opens a third of the lifetime before
 * expiry and closes a sixth of the lifetime before it, so renewals spread over that stretch and a failed one still
 * has time to retry. A revoked certificate, or one an operator flagged (a coming mass revocation), gets a window
 * already in the past, which tells clients to renew now.
 *
 * @param retryAfter how long clients wait before asking again (RFC 9773 §4.3: the Retry-After header)
 */
public record RenewalWindow(Duration retryAfter) {
    /** Boulder's choice: ask again in about six hours. */
    public static final Duration DEFAULT_RETRY_AFTER = Duration.ofHours(6);

    public static RenewalWindow defaults() {
        return new RenewalWindow(DEFAULT_RETRY_AFTER);
    }

    /** A window [start, end), end after start (RFC 9773 §4.2: never inverted). */
    public record Window(Instant start, Instant end) {}

    public Window ordinary(Instant notBefore, Instant notAfter) {
        Duration lifetime = Duration.between(notBefore, notAfter);
        Instant start = notAfter.minus(lifetime.dividedBy(3));
        Instant end = notAfter.minus(lifetime.dividedBy(6));
        return end.isAfter(start) ? new Window(start, end) : new Window(start, start.plusSeconds(1));
    }

    /** Renew now: a window that closed half an hour ago. */
    public Window immediate(Instant now) {
        return new Window(now.minus(Duration.ofHours(1)), now.minus(Duration.ofMinutes(30)));
    }
}
