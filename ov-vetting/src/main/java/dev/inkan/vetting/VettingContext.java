package dev.inkan.vetting;

import dev.inkan.core.model.AuditEvent;
import dev.inkan.core.port.AuditLog;
import dev.inkan.core.vetting.VettingStores;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;

/** What every vetting operation works with: the stores, the audit log, time and Vert.x (for worker threads). */
public record VettingContext(VettingStores stores, AuditLog audit, Clock clock, Vertx vertx) {
    public Instant now() {
        return clock.instant();
    }

    /** Every vetting action and organization change goes to the audit log (CP 002 §5.4.1). */
    public Future<Void> audit(String type, String actor, String subject, Map<String, String> details) {
        return audit.record(new AuditEvent(type, actor, subject, details, now()));
    }
}
