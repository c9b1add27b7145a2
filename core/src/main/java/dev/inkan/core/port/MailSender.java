package dev.inkan.core.port;

import io.vertx.core.Future;
import java.util.List;

/** The CA's outgoing mail relay (CP 002 §4.3.2 notices). */
public interface MailSender {
    /** One plain-text message to every recipient; completes when the relay accepted it. */
    Future<Void> send(List<String> to, String subject, String text);
}
