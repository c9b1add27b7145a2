package dev.inkan.caa;

import io.vertx.core.Future;
import java.util.List;

/** Sends one plain-text message through the CA's SMTP relay; the future completes when the relay accepted it. */
@FunctionalInterface
public interface IodefMail {
    Future<Void> send(List<String> to, String subject, String text);
}
