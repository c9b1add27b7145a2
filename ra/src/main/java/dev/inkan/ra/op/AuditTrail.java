package dev.inkan.ra.op;

import dev.inkan.core.model.AuditEvent;
import dev.inkan.core.port.AuditLog;
import io.vertx.core.Future;
import java.time.Clock;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the RA's audit events (CP 002 §5.4). The state change an event describes has already happened
 * when it is written, so a failing audit log is logged loudly but does not fail the request.
 */
public final class AuditTrail {
    /** The actor for work nobody asked for at that moment (background issuance, recovery). */
    public static final String SYSTEM = "system";
    private static final Logger LOG = LoggerFactory.getLogger(AuditTrail.class);

    private final AuditLog log;
    private final Clock clock;

    public AuditTrail(AuditLog log, Clock clock) {
        this.log = log;
        this.clock = clock;
    }

    /** The actor name of an account. */
    public static String account(String accountId) {
        return "account:" + accountId;
    }

    public Future<Void> record(String type, String actor, String subject, Map<String, String> details) {
        AuditEvent event = new AuditEvent(type, actor, subject, details, clock.instant());
        Future<Void> written;
        try {
            written = log.record(event);
        } catch (RuntimeException e) {
            written = Future.failedFuture(e);
        }
        return written.recover(t -> {
            LOG.error("audit event not recorded: {}", event, t);
            return Future.succeededFuture();
        });
    }
}
