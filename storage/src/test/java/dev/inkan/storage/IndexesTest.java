package dev.inkan.storage;

import static dev.inkan.storage.Await.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.inkan.core.time.MutableClock;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every index is declared in {@link Indexes} and made when the store opens, before any store of the reseller channel
 * or of OV vetting is asked for: a DBA reads one list (docs/operating.md), and no index appears only once some code
 * path happens to open its store.
 */
@Timeout(60)
class IndexesTest {
    private static final Instant T0 = Instant.parse("2026-03-01T10:15:30Z");

    @TempDir
    Path dir;

    private final Vertx vertx = Vertx.vertx();

    @AfterEach
    void stop() {
        await(vertx.close());
    }

    @Test
    void testOpen_makesTheResellerVettingAndSessionIndexesBeforeTheirStoresAreOpened() {
        Storage storage = await(Storage.open(vertx, StorageConfig.embedded(dir.resolve("store/inkan.mv")),
                new MutableClock(T0)));
        try {
            Driver driver = new Driver(vertx);
            Map<String, String> expected = Map.of(
                    MongoResellerOrderStore.COLLECTION, "raOrderId",
                    MongoCustomerStore.COLLECTION, "resellerId",
                    MongoWebhookStore.EVENTS, "sequence",
                    MongoWebhookStore.ATTEMPTS, "resellerId",
                    MongoResellerStore.KEYS, "resellerId",
                    MongoVettingStores.CASES, "submittedAt",
                    MongoVettingStores.KEYS, "organizationId",
                    MongoVettingStores.APPLICANTS, "email",
                    MongoWebSessions.SESSIONS, "idleAfter");
            for (Map.Entry<String, String> e : expected.entrySet()) {
                List<Document> indexes = await(driver.all(storage.database().getCollection(e.getKey()).listIndexes()));
                assertTrue(indexes.stream().anyMatch(i -> ((Document) i.get("key")).containsKey(e.getValue())),
                        e.getKey() + " has no index on " + e.getValue() + ": " + indexes);
            }
        } finally {
            await(storage.close());
        }
    }
}
