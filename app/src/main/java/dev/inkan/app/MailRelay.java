package dev.inkan.app;

import dev.inkan.harness.mail.SmtpSink;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the CA's mail goes, for every sender: subscriber notices (CP 002 §4.3.2) and CAA iodef reports
 * (RFC 8659 §4.4). The configured SMTP relay, or in the sandbox the harness's SMTP sink, started here.
 * With notification disabled there is no mailer.
 */
final class MailRelay {
    private static final Logger LOG = LoggerFactory.getLogger(MailRelay.class);

    private final SmtpSink sink;
    private final SmtpMailer mailer;

    private MailRelay(SmtpSink sink, SmtpMailer mailer) {
        this.sink = sink;
        this.mailer = mailer;
    }

    static Future<MailRelay> start(Vertx vertx, Settings settings, Clock clock) {
        RevocationSettings.NotificationSettings n = settings.revocation().notification();
        if (!n.enabled()) {
            return Future.succeededFuture(new MailRelay(null, null));
        }
        if (!n.smtpHost().isEmpty()) {
            return Future.succeededFuture(
                    new MailRelay(null, new SmtpMailer(vertx, n.smtpHost(), n.smtpPort(), n.from(), clock)));
        }
        if (settings.harness() == null) {
            return Future.failedFuture(new IllegalArgumentException(
                    "notification.smtpHost must name the SMTP relay for subscriber emails (CP 002 §4.3.2),"
                            + " or notification.enabled must be false"));
        }
        Settings.Listener at = Settings.Listener.parse("notification.sinkListen", n.sinkListen());
        return SmtpSink.start(vertx, at.host(), at.port(), settings.home().resolve("mail"), clock).map(sink -> {
            LOG.info("sandbox SMTP sink on {}:{}, messages in {}", at.host(), sink.port(), settings.home().resolve("mail"));
            return new MailRelay(sink, new SmtpMailer(vertx, at.host(), sink.port(), n.from(), clock));
        });
    }

    /** The mailer, or null when notification is disabled. */
    SmtpMailer mailer() {
        return mailer;
    }

    Future<Void> stop() {
        if (mailer != null) {
            mailer.close();
        }
        return sink == null ? Future.succeededFuture() : sink.stop();
    }
}
