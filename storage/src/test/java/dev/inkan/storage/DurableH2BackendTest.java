package dev.inkan.storage;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import de.bwaldvogel.mongo.backend.AbstractMongoDatabase;
import de.bwaldvogel.mongo.bson.Document;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
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
}
