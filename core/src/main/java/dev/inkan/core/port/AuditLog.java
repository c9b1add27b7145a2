package dev.inkan.core.port;

import dev.inkan.core.model.AuditEvent;
import io.vertx.core.Future;

/** Append-only audit log (CP 002 §5.4). */
public interface AuditLog {
    Future<Void> record(AuditEvent event);
}
