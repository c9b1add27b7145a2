package dev.inkan.harness.mail;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.parsetools.RecordParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A small real SMTP server on loopback that accepts every message and keeps it: in memory for tests in the same
 * process, and, when given a spool directory, as one {@code .eml} file per message (envelope in
 * {@code X-Envelope-From}/{@code X-Envelope-To} headers) for tests that drive the CA as a separate process. It
 * relays nothing anywhere.
 */
public final class SmtpSink {
    private static final Logger LOG = LoggerFactory.getLogger(SmtpSink.class);

    private final Vertx vertx;
    private final Path spool;
    private final Clock clock;
    private final List<ReceivedMail> received = new CopyOnWriteArrayList<>();
    private final AtomicLong count = new AtomicLong();
    private NetServer server;

    private SmtpSink(Vertx vertx, Path spool, Clock clock) {
        this.vertx = vertx;
        this.spool = spool;
        this.clock = clock;
    }

    /**
     * @param host  a loopback address; the sink refuses to listen on every interface
     * @param port  0 for a free port
     * @param spool where to write each message, or null to keep them in memory only
     */
    public static Future<SmtpSink> start(Vertx vertx, String host, int port, Path spool, Clock clock) {
        Objects.requireNonNull(host, "host");
        if (host.equals("0.0.0.0") || host.equals("::") || host.isBlank()) {
            return Future.failedFuture(new IllegalArgumentException(
                    "the SMTP sink accepts mail from anyone who reaches it; listen on 127.0.0.1, not " + host));
        }
        SmtpSink sink = new SmtpSink(vertx, spool, clock);
        NetServer server = vertx.createNetServer(new NetServerOptions().setHost(host).setPort(port));
        server.connectHandler(socket -> {
            SmtpSession session = new SmtpSession(socket, "inkan-sink", sink::deliver);
            RecordParser lines = RecordParser.newDelimited("\r\n", session::line)
                    .maxRecordSize(SmtpSession.MAX_MESSAGE);
            socket.handler(lines);
            socket.exceptionHandler(e -> LOG.debug("SMTP connection failed", e));
            session.greet();
        });
        return server.listen().map(s -> {
            sink.server = s;
            return sink;
        });
    }

    public int port() {
        return server.actualPort();
    }

    /** Every message accepted so far, oldest first. */
    public List<ReceivedMail> messages() {
        return List.copyOf(received);
    }

    /** The messages whose envelope names this recipient. */
    public List<ReceivedMail> messagesTo(String address) {
        return received.stream().filter(m -> m.envelopeTo().contains(address)).toList();
    }

    public Future<Void> stop() {
        return server == null ? Future.succeededFuture() : server.close();
    }

    private void deliver(SmtpSession.Envelope e) {
        ReceivedMail mail = new ReceivedMail(e.from(), e.to(), e.data(), clock.instant());
        received.add(mail);
        if (spool != null) {
            long n = count.incrementAndGet();
            vertx.executeBlocking(() -> write(mail, n), false)
                    .onFailure(err -> LOG.error("could not spool a message to {}", spool, err));
        }
    }

    /** Written to a temporary name and moved, so a reader never sees half a message. */
    private Path write(ReceivedMail mail, long n) throws IOException {
        Files.createDirectories(spool);
        String name = mail.receivedAt().toEpochMilli() + "-" + n + ".eml";
        Path tmp = spool.resolve(name + ".tmp");
        String text = "X-Envelope-From: " + mail.envelopeFrom() + "\r\n"
                + "X-Envelope-To: " + String.join(", ", mail.envelopeTo()) + "\r\n" + mail.data();
        Files.writeString(tmp, text, StandardCharsets.UTF_8);
        return Files.move(tmp, spool.resolve(name), StandardCopyOption.ATOMIC_MOVE);
    }
}
