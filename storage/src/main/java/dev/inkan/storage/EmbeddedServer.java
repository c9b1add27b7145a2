package dev.inkan.storage;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.Set;

/**
 * mongo-java-server in this process, on 127.0.0.1 only, speaking the MongoDB wire protocol so the driver
 * talks to it exactly as to a real deployment. Every connection authenticates with SCRAM-SHA-256 against the
 * store's credential ({@link AuthenticatingBackend}): loopback is shared by every user of the host. Its methods
 * block; callers run them on a worker.
 */
final class EmbeddedServer {
    private static final String LOOPBACK = "127.0.0.1";

    private static final int IO_THREADS = 32;
    private static final Set<PosixFilePermission> OWNER_ONLY_DIRECTORY = PosixFilePermissions.fromString("rwx------");

    private final MongoServer server;
    private final InetSocketAddress address;
    private final StoreCredential credential;
    private final MongoBackend data;

    private EmbeddedServer(MongoServer server, InetSocketAddress address, StoreCredential credential,
            MongoBackend data) {
        this.server = server;
        this.data = data;
        this.address = address;
        this.credential = credential;
    }

    /**
     * Starts the server on {@code file} (null: memory only) and {@code port} (0: any free port). A file-backed
     * server keeps its credential next to the file ({@link StoreCredential#fileFor}), created on first start; a
     * memory-only one gets a random credential that dies with it.
     */
    static EmbeddedServer start(Path file, int port, Clock clock) {
        Path prepared = file == null ? null : prepare(file);
        StoreCredential credential = prepared == null
                ? StoreCredential.random()
                : StoreCredential.loadOrCreate(StoreCredential.fileFor(prepared));
        MongoBackend data = prepared == null ? new MemoryBackend(clock) : DurableH2Backend.open(prepared, clock);
        MongoServer server = new MongoServer(new AuthenticatingBackend(data, credential));
        try {
            // A command runs on its connection's I/O thread and waits there for its group commit; more threads
            // let more writers share one sync (DurableH2Backend).
            server.bind(new InetSocketAddress(LOOPBACK, port), 1, IO_THREADS);
        } catch (RuntimeException e) {
            server.shutdownNow();
            throw e;
        }
        return new EmbeddedServer(server, server.getLocalAddress(), credential, data);
    }

    /** The user and password every connection must authenticate with. */
    StoreCredential credential() {
        return credential;
    }

    /** The backend behind the wire protocol, for tests that look inside the store. */
    MongoBackend backend() {
        return data;
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

    /**
     * The store's directory is the owner's alone (0700), and so is the data file (0600): the credential guards the
     * port, and the file holds the same data.
     */
    private static Path prepare(Path file) {
        Path absolute = file.toAbsolutePath();
        Path dir = absolute.getParent();
        try {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(OWNER_ONLY_DIRECTORY));
            Files.setPosixFilePermissions(dir, OWNER_ONLY_DIRECTORY);
            if (!Files.exists(absolute)) {
                // MVStore takes an empty file for a new store; created here so it is never readable by others
                Files.createFile(absolute, PosixFilePermissions.asFileAttribute(StoreCredential.OWNER_ONLY));
            }
            Files.setPosixFilePermissions(absolute, StoreCredential.OWNER_ONLY);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the store file " + absolute, e);
        }
        return absolute;
    }
}
