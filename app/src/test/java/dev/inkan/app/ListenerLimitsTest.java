package dev.inkan.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonObject;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class ListenerLimitsTest {
    private Vertx vertx;
    private HttpServer server;

    @BeforeEach
    void start() throws Exception {
        vertx = Vertx.vertx();
        ListenerLimits limits = ListenerLimits.from(new JsonObject().put("idleTimeoutSeconds", 30)
                .put("headerTimeoutSeconds", 1).put("maxConnections", 2).put("maxHeaderBytes", 2048));
        server = limits.server(vertx, new HttpServerOptions(), req -> req.response().end("ok"))
                .listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @AfterEach
    void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private Socket connect() throws Exception {
        Socket s = new Socket(InetAddress.getLoopbackAddress(), server.actualPort());
        s.setSoTimeout(10_000);
        return s;
    }

    /** Reads until the server closes; true when it did before the socket timeout. */
    private static boolean closedByServer(Socket s) throws Exception {
        InputStream in = s.getInputStream();
        try {
            while (in.read() >= 0) {
                // drain whatever was answered
            }
            return true;
        } catch (java.net.SocketException e) {
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        }
    }

    @Test
    void testSuccess_aWholeRequestIsAnswered() throws Exception {
        try (Socket s = connect()) {
            s.getOutputStream().write("GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            String answer = new String(s.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
            assertTrue(answer.startsWith("HTTP/1.1 200"), answer);
        }
    }

    @Test
    void testFailure_headersTrickledPastTheHeaderTimeoutCloseTheConnection() throws Exception {
        try (Socket s = connect()) {
            OutputStream out = s.getOutputStream();
            out.write("GET / HTTP/1.1\r\nHost: x\r\nX-Slow: ".getBytes(StandardCharsets.US_ASCII));
            // a byte every 200 ms keeps the connection from ever being idle
            Thread writer = new Thread(() -> {
                try {
                    for (int i = 0; i < 100; i++) {
                        Thread.sleep(200);
                        out.write('a');
                        out.flush();
                    }
                } catch (Exception e) {
                    // the server closed the connection
                }
            });
            writer.start();
            assertTrue(closedByServer(s), "the trickling connection was not closed");
            writer.interrupt();
        }
    }

    @Test
    void testFailure_connectionsBeyondTheCapAreClosedAtOnce() throws Exception {
        try (Socket a = connect(); Socket b = connect()) {
            // both are held open; let the server register them
            Thread.sleep(300);
            try (Socket c = connect()) {
                c.getOutputStream().write("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                assertTrue(closedByServer(c));
            }
        }
        // the held ones closed, a new connection is served again once the server has seen them go
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        String answer = "";
        while (!answer.startsWith("HTTP/1.1 200") && System.nanoTime() < until) {
            Thread.sleep(200);
            try (Socket s = connect()) {
                s.getOutputStream().write("GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
                        .getBytes(StandardCharsets.US_ASCII));
                answer = new String(s.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
            } catch (java.io.IOException e) {
                answer = e.toString();
            }
        }
        assertTrue(answer.startsWith("HTTP/1.1 200"), answer);
    }

    @Test
    void testFailure_oversizedHeadersAreRefused() throws Exception {
        try (Socket s = connect()) {
            s.getOutputStream().write(("GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + "a".repeat(4096)
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            String answer = new String(s.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
            assertTrue(answer.startsWith("HTTP/1.1 431") || answer.startsWith("HTTP/1.1 400"), answer);
            assertEquals(-1, s.getInputStream().read());
        }
    }
}
