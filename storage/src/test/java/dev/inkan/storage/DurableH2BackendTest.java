package dev.inkan.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import de.bwaldvogel.mongo.backend.AbstractMongoDatabase;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.bson.BinData;
import de.bwaldvogel.mongo.bson.Document;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class DurableH2BackendTest {
    @TempDir
    Path dir;

    /** Without it every conditional update ({@code _id} plus the expected state) scans its whole collection. */
    @Test
    void collectionsFindADocumentByIdThroughTheIdIndex() {
        DurableH2Backend backend = DurableH2Backend.open(dir.resolve("inkan.mv"), Clock.systemUTC());
        try {
            backend.handleCommand(new EmbeddedChannel(), "inkan", "insert", new Document("insert", "orders")
                    .append("documents", List.of(new Document("_id", "o-1").append("status", "pending"))));
            AbstractMongoDatabase<?> db = (AbstractMongoDatabase<?>) backend.resolveDatabase("inkan");
            assertInstanceOf(IndexedCollection.class, db.resolveCollection("orders", true));
        } finally {
            backend.close();
        }
    }

    /**
     * A store written by the stock backend (its unique indexes keyed by Java-serialized values, its documents in
     * Java serialization) opens: the indexes are rebuilt in text from the documents, and answer.
     */
    @Test
    void aStoreWrittenByTheStockBackendOpensWithItsIndexesRebuilt() {
        Path file = dir.resolve("inkan.mv");
        H2Backend stock = new H2Backend(file.toString());
        try {
            stock.handleCommand(new EmbeddedChannel(), "inkan", "createIndexes", new Document("createIndexes", "accounts")
                    .append("indexes", List.of(new Document("key", new Document("keyThumbprint", 1))
                            .append("name", "keyThumbprint_1").append("unique", true))));
            stock.handleCommand(new EmbeddedChannel(), "inkan", "insert", new Document("insert", "accounts")
                    .append("documents", List.of(new Document("_id", "acct-1").append("keyThumbprint", "t-1"),
                            new Document("_id", "acct-2").append("keyThumbprint", "t-2"))));
        } finally {
            stock.close();
        }

        DurableH2Backend backend = DurableH2Backend.open(file, Clock.systemUTC());
        try {
            AbstractMongoDatabase<?> db = (AbstractMongoDatabase<?>) backend.resolveDatabase("inkan");
            IndexedCollection accounts = (IndexedCollection) db.resolveCollection("accounts", true);
            assertTrue(accounts.getIndexes().stream().allMatch(UniqueIndex.class::isInstance));
            assertEquals(List.of(2L, 2L), accounts.getIndexes().stream().map(i -> i.getCount()).toList());
            Document found = backend.handleCommand(new EmbeddedChannel(), "inkan", "find",
                    new Document("find", "accounts").append("filter", new Document("keyThumbprint", "t-2")));
            List<?> batch = (List<?>) ((Document) found.get("cursor")).get("firstBatch");
            assertEquals("acct-2", ((Document) batch.get(0)).get("_id"));
            assertFalse(backend.getMvStore().hasMap("inkan.accounts._index_keyThumbprint_1"));
        } finally {
            backend.close();
        }
    }

    /**
     * MVStore reuses the space of dead chunks but never moves a live one, so a file kept the size its busiest
     * moment needed; the compaction thread now moves live chunks into the holes and truncates the file.
     */
    @Test
    void theFileGivesBackTheSpaceItsDeadChunksLeft() throws InterruptedException {
        Path file = dir.resolve("inkan.mv");
        DurableH2Backend backend = DurableH2Backend.open(file, Clock.systemUTC());
        try {
            EmbeddedChannel channel = new EmbeddedChannel();
            Random random = new Random(1);
            for (int i = 0; i < 600; i++) {
                byte[] payload = new byte[2000];
                random.nextBytes(payload);
                backend.handleCommand(channel, "inkan", "insert", new Document("insert", "orders")
                        .append("documents", List.of(new Document("_id", "o-" + i).append("status", "pending")
                                .append("der", new BinData(payload)))));
            }
            for (int i = 0; i < 600; i++) {
                if (i % 10 != 0) {
                    backend.handleCommand(channel, "inkan", "delete", new Document("delete", "orders")
                            .append("deletes", List.of(new Document("q", new Document("_id", "o-" + i)).append("limit", 1))));
                }
            }
            var store = backend.getMvStore().getFileStore();
            long full = store.size();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(40);
            while ((store.getFillRate() < 75 || store.size() >= full / 2) && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
            assertTrue(store.getFillRate() >= 75, "file fill " + store.getFillRate() + " %");
            assertTrue(store.size() < full / 2, store.size() + " bytes of " + full);
            Document found = backend.handleCommand(channel, "inkan", "find",
                    new Document("find", "orders").append("filter", new Document("status", "pending")));
            assertEquals(60, ((List<?>) ((Document) found.get("cursor")).get("firstBatch")).size());
        } finally {
            backend.close();
        }
    }
}
