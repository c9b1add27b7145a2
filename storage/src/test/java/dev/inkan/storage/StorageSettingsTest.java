package dev.inkan.storage;

import static dev.inkan.storage.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.MongoClientSettings;
import com.mongodb.ReadConcern;
import com.mongodb.WriteConcern;
import dev.inkan.core.time.MutableClock;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class StorageSettingsTest {
    @Test
    void testSuccess_replicaSetWritesAndReadsAtMajorityWithRetries() {
        MongoClientSettings settings = Storage.settings(
                StorageConfig.remote("mongodb://db1.example.jp,db2.example.jp/?replicaSet=rs0", "inkan"), null);
        assertEquals(WriteConcern.MAJORITY, settings.getWriteConcern());
        assertEquals(ReadConcern.MAJORITY, settings.getReadConcern());
        assertTrue(settings.getRetryWrites());
        assertNull(settings.getServerApi());
    }

    @Test
    void testSuccess_blankUriMeansEmbeddedAndDefaultDatabase() {
        StorageConfig config = new StorageConfig(" ", null, null, 0);
        assertTrue(config.isEmbedded());
        assertEquals("inkan", config.database());
    }

    @Test
    void testSuccess_embeddedServerListensOnLoopbackAndIsReachedWithoutServerApi() {
        EmbeddedServer server = EmbeddedServer.start(null, 0, new MutableClock(Instant.EPOCH));
        try {
            assertEquals("mongodb://127.0.0.1:" + server.port(), server.connectionString());
            MongoClientSettings settings = Storage.settings(StorageConfig.inMemory(), server);
            // research/toolcheck.md §2: with serverApi the driver sends `hello`, which the server lacks.
            assertNull(settings.getServerApi());
        } finally {
            server.shutdown();
        }
    }

    @Test
    void testSuccess_closingTwiceReturnsTheFirstClose() {
        Vertx vertx = Vertx.vertx();
        try {
            Storage storage = await(Storage.open(vertx, StorageConfig.inMemory(), new MutableClock(Instant.EPOCH)));
            Future<Void> first = storage.close();
            assertSame(first, storage.close());
            await(first);
        } finally {
            await(vertx.close());
        }
    }
}
