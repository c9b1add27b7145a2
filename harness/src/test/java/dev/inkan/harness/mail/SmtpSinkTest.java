package dev.inkan.harness.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.inkan.core.time.MutableClock;
import io.vertx.core.Vertx;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SmtpSinkTest {
    private static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");

    @TempDir
    Path spool;

    private Vertx vertx;
    private SmtpSink sink;

    @BeforeEach
    void start() throws Exception {
        vertx = Vertx.vertx();
        sink = SmtpSink.start(vertx, "127.0.0.1", 0, spool, new MutableClock(NOW))
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @AfterEach
    void stop() throws Exception {
        sink.stop().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    /** A plain SMTP client: sends each line and returns the server's reply codes, greeting first. */
    private List<String> converse(String... lines) throws Exception {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), sink.port())) {
            s.setSoTimeout(5000);
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
            OutputStream out = s.getOutputStream();
            java.util.ArrayList<String> codes = new java.util.ArrayList<>();
            codes.add(reply(in));
            boolean inData = false;
            for (String line : lines) {
                out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
                out.flush();
                if (inData && !line.equals(".")) {
                    continue;
                }
                String code = reply(in);
                codes.add(code);
                inData = code.equals("354");
                if (line.equals(".")) {
                    inData = false;
                }
            }
            return codes;
        }
    }

    private static String reply(BufferedReader in) throws Exception {
        String line;
        do {
            line = in.readLine();
        } while (line.length() > 3 && line.charAt(3) == '-');
        return line.substring(0, 3);
    }

    @Test
    void testSuccess_aMessageIsKeptWithItsEnvelopeAndSpooled() throws Exception {
        List<String> codes = converse("EHLO client.test", "MAIL FROM:<ca@inkan.test>", "RCPT TO:<ops@example.com>",
                "RCPT TO:<dev@example.com>", "DATA", "Subject: Certificate issued", "From: ca@inkan.test", "",
                "serial 1a2b", "..dot-stuffed line", ".", "QUIT");

        assertEquals(List.of("220", "250", "250", "250", "250", "354", "250", "221"), codes);
        ReceivedMail mail = sink.messages().get(0);
        assertEquals("ca@inkan.test", mail.envelopeFrom());
        assertEquals(List.of("ops@example.com", "dev@example.com"), mail.envelopeTo());
        assertEquals("Certificate issued", mail.header("subject"));
        assertEquals("serial 1a2b\r\n.dot-stuffed line\r\n", mail.body());
        assertEquals(NOW, mail.receivedAt());
        assertEquals(1, sink.messagesTo("dev@example.com").size());

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (System.nanoTime() < deadline) {
            try (var files = Files.list(spool)) {
                List<Path> eml = files.filter(p -> p.toString().endsWith(".eml")).toList();
                if (!eml.isEmpty()) {
                    String text = Files.readString(eml.get(0));
                    assertTrue(text.startsWith("X-Envelope-From: ca@inkan.test\r\nX-Envelope-To: ops@example.com, "
                            + "dev@example.com\r\nSubject: Certificate issued"), text);
                    return;
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("nothing spooled to " + spool);
    }

    @Test
    void testFailure_outOfOrderCommandsAreRefusedAndNothingIsKept() throws Exception {
        List<String> codes = converse("HELO client.test", "RCPT TO:<a@example.com>", "DATA", "MAIL FROM:bad",
                "STARTTLS", "QUIT");
        assertEquals(List.of("220", "250", "503", "503", "501", "502", "221"), codes);
        assertTrue(sink.messages().isEmpty());
    }

    @Test
    void testFailure_listeningOnEveryInterfaceIsRefused() {
        Throwable e = SmtpSink.start(vertx, "0.0.0.0", 0, null, new MutableClock(NOW)).cause();
        assertTrue(e instanceof IllegalArgumentException, String.valueOf(e));
    }
}
