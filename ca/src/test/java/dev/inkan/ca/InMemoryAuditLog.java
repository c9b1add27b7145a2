package dev.inkan.ca;

import dev.inkan.core.model.AuditEvent;
import dev.inkan.core.port.AuditLog;
import io.vertx.core.Future;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** The audit log as a list; told to, it fails to write events of some types, as an unreachable store would. */
public final class InMemoryAuditLog implements AuditLog {
    private final List<AuditEvent> events = new CopyOnWriteArrayList<>();
    private final java.util.Set<String> unwritable = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /** Every later event of this type fails to be written. */
    public void failToWrite(String type) {
        unwritable.add(type);
    }

    @Override
    public Future<Void> record(AuditEvent event) {
        if (unwritable.contains(event.type())) {
            return Future.failedFuture(new IllegalStateException("audit store unreachable"));
        }
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
