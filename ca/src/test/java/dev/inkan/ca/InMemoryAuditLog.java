package dev.inkan.ca;

import dev.inkan.core.model.AuditEvent;
import dev.inkan.core.port.AuditLog;
import io.vertx.core.Future;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** The audit log as a list. */
public final class InMemoryAuditLog implements AuditLog {
    private final List<AuditEvent> events = new CopyOnWriteArrayList<>();

    @Override
    public Future<Void> record(AuditEvent event) {
        events.add(event);
        return Future.succeededFuture();
    }

    public List<AuditEvent> events() {
        return List.copyOf(events);
    }

    public List<String> types() {
        return events.stream().map(AuditEvent::type).toList();
    }
}
