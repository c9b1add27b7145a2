package dev.inkan.storage;

import dev.inkan.core.port.Stores;
import dev.inkan.core.time.MutableClock;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * One embedded server per test class, on a free port with a fresh H2 file (the production backend, with its
 * commit per write). Tests use fresh ids, so none sees another's documents.
 */
abstract class EmbeddedStoreTest {
    /** Millisecond and sub-millisecond parts on purpose: round trips must keep both. */
    static final Instant T0 = Instant.parse("2026-03-01T10:15:30.123456789Z");

    @TempDir
    static Path dir;

    static Vertx vertx;
    static Storage storage;
    static Stores stores;

    @BeforeAll
    static void openStorage() {
        vertx = Vertx.vertx();
        storage = Await.await(Storage.open(vertx, StorageConfig.embedded(dir.resolve("store/inkan.mv")), new MutableClock(T0)));
        stores = storage.stores();
    }

    @AfterAll
    static void closeStorage() {
        if (storage != null) {
            Await.await(storage.close());
        }
        if (vertx != null) {
            Await.await(vertx.close());
        }
    }

    static String newId(String prefix) {
        return prefix + "-" + UUID.randomUUID();
    }
}
