package dev.inkan.ra.fake;

import dev.inkan.core.model.AuditEvent;
import dev.inkan.core.port.AuditLog;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;

/** Keeps the events it is given. */
public final class InMemoryAuditLog implements AuditLog {
    private final List<AuditEvent> events = new ArrayList<>();

    @Override
    public synchronized Future<Void> record(AuditEvent event) {
        events.add(event);
        return Future.succeededFuture();
    }

    public synchronized List<String> types() {
        return events.stream().map(AuditEvent::type).toList();
    }

    public synchronized List<AuditEvent> events() {
        return List.copyOf(events);
    }
}
