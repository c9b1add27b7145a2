package dev.inkan.core.port;

import io.vertx.core.Future;
import java.time.Duration;
import java.time.Instant;

/**
 * Named, time-limited exclusive roles shared through the store: one active signer per HSM
 * (docs/design/signer-handover.md). A lease is held until its expiry; its holder renews it well before, and anyone
 * may take it once it has expired. Holders' clocks must agree to well within the term (NTP).
 */
public interface Leases {

    /**
     * Takes the lease {@code name} for {@code holder} until {@code now + term} when it is free, expired, or held by
     * {@code holder} already (a renewal). @return whether {@code holder} holds it now
     */
    Future<Boolean> acquire(String name, String holder, Instant now, Duration term);

    /** Gives the lease up if {@code holder} holds it, so a standby need not wait for the expiry. */
    Future<Void> release(String name, String holder);

    /** Thrown by work that must stop because this process no longer holds the lease it needs. */
    final class NotHeld extends RuntimeException {
        public NotHeld(String message) {
            super(message);
        }
    }
}
