package dev.inkan.core.port;

import dev.inkan.core.model.RenewalFlag;
import dev.inkan.core.model.Replacement;
import io.vertx.core.Future;
import java.util.Optional;

/** What ACME Renewal Information (RFC 9773) keeps: operator flags and which order replaces which certificate. */
public interface Renewals {
    /** Flags the serial for immediate renewal; flagging twice keeps the first flag and succeeds. */
    Future<RenewalFlag> flag(RenewalFlag flag);

    Future<Optional<RenewalFlag>> flagOf(String serial);

    /** The order that claimed to replace this serial, if any. */
    Future<Optional<Replacement>> replacementOf(String serial);

    /** The replacement an order declared, if it declared one. */
    Future<Optional<Replacement>> replacementBy(String orderId);

    /**
     * Records that {@code replacement.orderId()} replaces its serial: when no order claimed the serial yet, or, with
     * {@code supersededOrderId} set, when that order (which failed or expired) still holds the claim. False when
     * another order holds it.
     */
    Future<Boolean> claim(Replacement replacement, String supersededOrderId);
}
