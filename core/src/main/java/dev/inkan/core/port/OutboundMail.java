package dev.inkan.core.port;

import io.vertx.core.Future;
import java.util.List;

/** The CA's mail relay as a sender sees it: one plain-text message to every recipient. */
@FunctionalInterface
public interface OutboundMail {

    /** Completes when the relay accepted the message; fails when it refused it or could not be reached. */
    Future<Void> send(List<String> to, String subject, String text);
}
