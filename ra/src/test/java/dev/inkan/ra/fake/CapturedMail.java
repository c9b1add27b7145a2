package dev.inkan.ra.fake;

import dev.inkan.core.port.OutboundMail;
import io.vertx.core.Future;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A mail relay that keeps what it was given. */
public final class CapturedMail implements OutboundMail {
    public record Message(List<String> to, String subject, String text) {}

    public final List<Message> sent = new CopyOnWriteArrayList<>();

    @Override
    public Future<Void> send(List<String> to, String subject, String text) {
        sent.add(new Message(List.copyOf(to), subject, text));
        return Future.succeededFuture();
    }

    public Message last() {
        return sent.get(sent.size() - 1);
    }
}
