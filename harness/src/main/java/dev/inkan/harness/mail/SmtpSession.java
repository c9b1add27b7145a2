package dev.inkan.harness.mail;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * One SMTP conversation (RFC 5321 §3, §4.1): greeting, EHLO/HELO, MAIL, RCPT, DATA with dot unstuffing, RSET,
 * NOOP, QUIT. No STARTTLS and no AUTH are offered, so clients send in the clear, as to a local relay.
 */
final class SmtpSession {
    /** RFC 5321 §4.5.3.1.6: lines may be 1000 octets with CRLF; a message here at most 10 MB. */
    static final int MAX_LINE = 1000;
    static final int MAX_MESSAGE = 10 * 1024 * 1024;

    private final NetSocket socket;
    private final String hostname;
    private final Consumer<Envelope> deliver;
    private String from;
    private final List<String> to = new ArrayList<>();
    private StringBuilder data;

    /** A message as received, before it is stamped. */
    record Envelope(String from, List<String> to, String data) {}

    SmtpSession(NetSocket socket, String hostname, Consumer<Envelope> deliver) {
        this.socket = socket;
        this.hostname = hostname;
        this.deliver = deliver;
    }

    void greet() {
        reply("220 " + hostname + " Inkan SMTP sink ESMTP");
    }

    /** One line, without its CRLF. */
    void line(Buffer raw) {
        String line = raw.toString(java.nio.charset.StandardCharsets.UTF_8);
        if (data != null) {
            dataLine(line);
            return;
        }
        if (line.length() > MAX_LINE) {
            reply("500 5.5.2 line too long");
            return;
        }
        command(line);
    }

    private void command(String line) {
        String verb = (line.length() >= 4 ? line.substring(0, 4) : line).toUpperCase(Locale.ROOT);
        switch (verb) {
            case "EHLO" -> reply("250-" + hostname + "\r\n250-8BITMIME\r\n250-SMTPUTF8\r\n250 SIZE " + MAX_MESSAGE);
            case "HELO" -> reply("250 " + hostname);
            case "MAIL" -> mail(line);
            case "RCPT" -> rcpt(line);
            case "DATA" -> startData();
            case "RSET" -> {
                reset();
                reply("250 2.0.0 OK");
            }
            case "NOOP" -> reply("250 2.0.0 OK");
            case "VRFY" -> reply("252 2.1.5 cannot verify, but will accept");
            case "QUIT" -> {
                reply("221 2.0.0 bye");
                socket.close();
            }
            default -> reply("502 5.5.1 command not implemented");
        }
    }

    private void mail(String line) {
        String path = path(line, "MAIL FROM:");
        if (path == null) {
            reply("501 5.5.4 syntax: MAIL FROM:<address>");
            return;
        }
        reset();
        from = path;
        reply("250 2.1.0 OK");
    }

    private void rcpt(String line) {
        if (from == null) {
            reply("503 5.5.1 MAIL first");
            return;
        }
        String path = path(line, "RCPT TO:");
        if (path == null || path.isEmpty()) {
            reply("501 5.5.4 syntax: RCPT TO:<address>");
            return;
        }
        to.add(path);
        reply("250 2.1.5 OK");
    }

    private void startData() {
        if (from == null || to.isEmpty()) {
            reply("503 5.5.1 MAIL and RCPT first");
            return;
        }
        data = new StringBuilder();
        reply("354 end data with <CR><LF>.<CR><LF>");
    }

    private void dataLine(String line) {
        if (line.equals(".")) {
            String message = data.toString();
            data = null;
            deliver.accept(new Envelope(from, List.copyOf(to), message));
            reset();
            reply("250 2.0.0 accepted");
            return;
        }
        if (data.length() + line.length() > MAX_MESSAGE) {
            data = null;
            reset();
            reply("552 5.3.4 message too big");
            return;
        }
        // RFC 5321 §4.5.2: a leading dot was doubled by the sender
        data.append(line.startsWith(".") ? line.substring(1) : line).append("\r\n");
    }

    /** The address between the angle brackets after the prefix, parameters ignored; null if malformed. */
    private static String path(String line, String prefix) {
        if (!line.regionMatches(true, 0, prefix, 0, prefix.length())) {
            return null;
        }
        String rest = line.substring(prefix.length()).trim();
        int open = rest.indexOf('<');
        int close = rest.indexOf('>');
        return open == 0 && close > open ? rest.substring(1, close) : null;
    }

    private void reset() {
        from = null;
        to.clear();
    }

    private void reply(String text) {
        socket.write(text + "\r\n");
    }
}
