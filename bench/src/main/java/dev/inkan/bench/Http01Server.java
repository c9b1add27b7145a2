package dev.inkan.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** The clients' http-01 responder (RFC 8555 §8.3), on loopback at the port the CA under test checks. */
final class Http01Server implements AutoCloseable {
    private static final String PREFIX = "/.well-known/acme-challenge/";

    private final Map<String, String> answers = new ConcurrentHashMap<>();
    private final HttpServer server;
    private final ExecutorService threads = Executors.newFixedThreadPool(4, r -> {
        Thread t = new Thread(r, "http-01");
        t.setDaemon(true);
        return t;
    });

    Http01Server(int port) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 256);
        server.createContext(PREFIX, this::answer);
        server.setExecutor(threads);
        server.start();
    }

    void put(String token, String keyAuthorization) {
        answers.put(token, keyAuthorization);
    }

    void remove(String token) {
        answers.remove(token);
    }

    private void answer(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body = answers.get(exchange.getRequestURI().getPath().substring(PREFIX.length()));
            if (body == null) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            byte[] bytes = body.getBytes(StandardCharsets.US_ASCII);
            exchange.getResponseHeaders().set("Content-Type", "application/octet-stream");
            exchange.sendResponseHeaders(200, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
