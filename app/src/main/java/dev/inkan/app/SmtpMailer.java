package dev.inkan.app;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Date;
import java.util.List;
import java.util.Properties;

/**
 * Sends plain-text email through one SMTP relay (Jakarta Mail over Angus). Sending blocks, so it runs on a small
 * worker pool of its own: a slow or dead relay delays only mail, never signing or validation, which use the
 * shared workers.
 */
final class SmtpMailer implements dev.inkan.core.port.OutboundMail {
    /** Seconds to connect, read and write before a send gives up. */
    private static final String TIMEOUT_MS = "10000";

    private final Session session;
    private final InternetAddress from;
    private final WorkerExecutor workers;
    private final Clock clock;

    SmtpMailer(Vertx vertx, String host, int port, String from, Clock clock) {
        Properties p = new Properties();
        p.put("mail.smtp.host", host);
        p.put("mail.smtp.port", String.valueOf(port));
        p.put("mail.smtp.connectiontimeout", TIMEOUT_MS);
        p.put("mail.smtp.timeout", TIMEOUT_MS);
        p.put("mail.smtp.writetimeout", TIMEOUT_MS);
        this.session = Session.getInstance(p);
        try {
            this.from = new InternetAddress(from, true);
        } catch (jakarta.mail.internet.AddressException e) {
            throw new IllegalArgumentException("notification.from is not an email address: " + from, e);
        }
        this.workers = vertx.createSharedWorkerExecutor("inkan-mail", 2);
        this.clock = clock;
    }

    /** One message to every recipient; completes when the relay accepted it. */
    @Override
    public Future<Void> send(List<String> to, String subject, String text) {
        return workers.executeBlocking(() -> {
            MimeMessage m = new MimeMessage(session);
            m.setFrom(from);
            for (String address : to) {
                m.addRecipient(Message.RecipientType.TO, new InternetAddress(address, true));
            }
            m.setSubject(subject, StandardCharsets.UTF_8.name());
            m.setText(text, StandardCharsets.UTF_8.name());
            m.setSentDate(Date.from(clock.instant()));
            Transport.send(m);
            return null;
        }, false);
    }

    void close() {
        workers.close();
    }

    static boolean isAddress(String address) {
        try {
            new InternetAddress(address, true).validate();
            return true;
        } catch (MessagingException e) {
            return false;
        }
    }
}
