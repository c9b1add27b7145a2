package dev.inkan.caa;

import dev.inkan.core.model.AuditEvent;
import dev.inkan.core.port.AuditLog;
import io.vertx.core.Future;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends each iodef report (RFC 8659 §4.4) to its {@code mailto:} targets through the CA's SMTP relay when one is
 * configured, and records the report in the audit log with what became of each target. Without a relay the mail
 * targets are recorded as not sent; {@code https:} targets (an RFC 7970 document POSTed to the URL) are never sent
 * yet. The record lets an operator follow up by hand.
 */
public final class AuditedIodefReporter implements IodefReporter {
    static final String EVENT = "caa.iodef.report";
    private static final Logger LOG = LoggerFactory.getLogger(AuditedIodefReporter.class);

    private final AuditLog audit;
    private final IodefMail mail;
    private final Clock clock;

    /** Records reports without sending any: no SMTP relay is configured. */
    public AuditedIodefReporter(AuditLog audit, Clock clock) {
        this(audit, null, clock);
    }

    /** @param mail the SMTP relay, or null when none is configured */
    public AuditedIodefReporter(AuditLog audit, IodefMail mail, Clock clock) {
        this.audit = audit;
        this.mail = mail;
        this.clock = clock;
    }

    @Override
    public Future<Void> report(IodefReport report) {
        List<String> mailboxes = new ArrayList<>();
        List<String> delivery = new ArrayList<>();
        for (String target : report.targets()) {
            String t = target.trim();
            if (t.regionMatches(true, 0, "mailto:", 0, 7)) {
                mailboxes.add(t.substring(7));
            } else if (t.regionMatches(true, 0, "https:", 0, 6) || t.regionMatches(true, 0, "http:", 0, 5)) {
                delivery.add(t + ": not sent, web reports (RFC 7970 over HTTPS) are not implemented");
            } else {
                delivery.add(t + ": ignored, RFC 8659 §4.4 defines only mailto and http(s)");
            }
        }
        return mailed(report, mailboxes).transform(ar -> {
            if (!mailboxes.isEmpty()) {
                delivery.add(0, "mailto:" + String.join(",", mailboxes) + ": " + (mail == null
                        ? "not sent, no SMTP relay is configured"
                        : ar.succeeded() ? "sent" : "not sent, the relay refused: " + ar.cause().getMessage()));
            }
            return record(report, String.join("; ", delivery));
        });
    }

    private Future<Void> mailed(IodefReport report, List<String> mailboxes) {
        if (mail == null || mailboxes.isEmpty()) {
            return Future.succeededFuture();
        }
        try {
            return mail.send(mailboxes, "CAA: certificate request for " + report.name() + " refused", report.text());
        } catch (RuntimeException e) {
            return Future.failedFuture(e);
        }
    }

    private Future<Void> record(IodefReport report, String delivery) {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("name", report.name());
        details.put("relevantName", report.relevantName());
        details.put("refusing", String.join(" | ", report.refusing()));
        details.put("targets", String.join(" ", report.targets()));
        details.put("delivery", delivery);
        details.put("text", report.text());
        Future<Void> written;
        try {
            written = audit.record(new AuditEvent(EVENT, "system", report.name(), details, clock.instant()));
        } catch (RuntimeException e) {
            written = Future.failedFuture(e);
        }
        return written.recover(t -> {
            LOG.error("iodef report for {} not recorded: {}", report.name(), report, t);
            return Future.succeededFuture();
        });
    }
}
