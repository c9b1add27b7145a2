package dev.inkan.storage;

import java.nio.file.Path;
import java.time.Clock;

/**
 * The embedded MongoDB-compatible server on its own, for a process whose only role is the store: several CA
 * processes on one machine then share it over the wire protocol ({@code storage.uri}). It listens on 127.0.0.1
 * only. Its methods block; call them from a main thread or a worker.
 */
public final class StoreServer {
    private final EmbeddedServer server;

    private StoreServer(EmbeddedServer server) {
        this.server = server;
    }

    /** @param port 0 picks a free one */
    public static StoreServer start(Path file, int port, Clock clock) {
        return new StoreServer(EmbeddedServer.start(file, port, clock));
    }

    /** {@code mongodb://127.0.0.1:<port>} */
    public String connectionString() {
        return server.connectionString();
    }

    public int port() {
        return server.port();
    }

    /** Closes connections and commits the file. */
    public void shutdown() {
        server.shutdown();
    }
}
