package dev.inkan.storage;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;

/**
 * mongo-java-server in this process, on 127.0.0.1 only, speaking the MongoDB wire protocol so the driver
 * talks to it exactly as to a real deployment. Its methods block; callers run them on a worker.
 */
final class EmbeddedServer {
    private static final String LOOPBACK = "127.0.0.1";

    private static final int IO_THREADS = 32;

    private final MongoServer server;
    private final InetSocketAddress address;

    private EmbeddedServer(MongoServer server, InetSocketAddress address) {
        this.server = server;
        this.address = address;
    }

    /** Starts the server on {@code file} (null: memory only) and {@code port} (0: any free port). */
    static EmbeddedServer start(Path file, int port, Clock clock) {
        MongoBackend backend = file == null ? new MemoryBackend(clock) : DurableH2Backend.open(prepare(file), clock);
        MongoServer server = new MongoServer(backend);
        try {
            // A command runs on its connection's I/O thread and waits there for its group commit; more threads
            // let more writers share one sync (DurableH2Backend).
            server.bind(new InetSocketAddress(LOOPBACK, port), 1, IO_THREADS);
        } catch (RuntimeException e) {
            server.shutdownNow();
            throw e;
        }
        return new EmbeddedServer(server, server.getLocalAddress());
    }

    String connectionString() {
        return "mongodb://" + LOOPBACK + ":" + address.getPort();
    }

    int port() {
        return address.getPort();
    }

    /** Closes connections and the backend, which commits and closes the H2 file cleanly. */
    void shutdown() {
        server.shutdown();
    }

    private static Path prepare(Path file) {
        Path absolute = file.toAbsolutePath();
        try {
            Files.createDirectories(absolute.getParent());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the directory of the store file " + absolute, e);
        }
        return absolute;
    }
}
