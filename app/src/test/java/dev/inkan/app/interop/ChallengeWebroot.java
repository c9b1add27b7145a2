package dev.inkan.app.interop;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A web server on the sandbox's http-01 port (127.0.0.1 only) serving {@code /.well-known/acme-challenge/<token>}
 * from a directory, as nginx would for clients that write challenge files into a webroot.
 */
final class ChallengeWebroot implements AutoCloseable {
    final Path dir;
    private final HttpServer web;

    ChallengeWebroot(Path dir, int port) throws IOException {
        this.dir = Files.createDirectories(dir);
        web = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        web.createContext("/.well-known/acme-challenge/", exchange -> {
            String token = Path.of(exchange.getRequestURI().getPath()).getFileName().toString();
            Path file = dir.resolve(token);
            byte[] body = Files.isRegularFile(file) ? Files.readAllBytes(file) : new byte[0];
            exchange.sendResponseHeaders(body.length > 0 ? 200 : 404, body.length > 0 ? body.length : -1);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        web.start();
    }

    @Override
    public void close() {
        web.stop(0);
    }
}
