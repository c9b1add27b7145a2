package dev.inkan.core.model;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One line of the audit log (CP 002 §5.4): who did what to which object, when.
 *
 * @param type    e.g. {@code ceremony.root.created}, {@code order.finalized}, {@code certificate.revoked}
 * @param actor   an account URL, a staff user, or {@code system}
 * @param subject the object's id (an order id, a serial, ...)
 * @param details small string facts; never secrets
 */
public record AuditEvent(String type, String actor, String subject, Map<String, String> details, Instant at) {
    public AuditEvent {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(at, "at");
        details = details == null ? Map.of() : Map.copyOf(details);
    }
}
