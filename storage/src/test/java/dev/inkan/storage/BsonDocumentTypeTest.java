package dev.inkan.storage;

import static dev.inkan.storage.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import de.bwaldvogel.mongo.bson.BinData;
import de.bwaldvogel.mongo.bson.Document;
import dev.inkan.core.model.Account;
import dev.inkan.core.model.AccountStatus;
import dev.inkan.core.time.MutableClock;
import io.vertx.core.Vertx;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;
import org.h2.mvstore.type.ObjectDataType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class BsonDocumentTypeTest {
    private static final Instant T0 = Instant.parse("2026-03-01T10:15:30.123Z");

    @TempDir
    Path dir;

    private static Document certificateLike() {
        Document nested = new Document("reason", "keyCompromise").append("at", T0);
        return new Document("_id", "serial-0a1b2c")
                .append("accountId", "acct-1")
                .append("names", List.of("www.example.jp", "例え.jp"))
                .append("der", new BinData(new byte[] {1, 2, 3, (byte) 0xff}))
                .append("notAfter", T0.plusSeconds(86_400 * 47))
                .append("shard", 3)
                .append("version", 12_345_678_901L)
                .append("weight", 0.5)
                .append("revoked", true)
                .append("replaces", null)
                .append("revocation", nested);
    }

    @Test
    void aDocumentComesBackWithItsTypes() {
        BsonDocumentType type = new BsonDocumentType();
        WriteBuffer out = new WriteBuffer();
        type.write(out, certificateLike());
        ByteBuffer in = out.getBuffer();
        in.flip();

        Document read = type.read(in);

        assertEquals(certificateLike().keySet(), read.keySet());
        assertEquals(List.of("www.example.jp", "例え.jp"), read.get("names"));
        assertEquals(T0.plusSeconds(86_400 * 47), read.get("notAfter"));
        assertEquals(3, read.get("shard"));
        assertEquals(12_345_678_901L, read.get("version"));
        assertEquals(new Document("reason", "keyCompromise").append("at", T0), read.get("revocation"));
        assertEquals(0, in.remaining(), "the value is read to its end and no further");
    }

    @Test
    void bsonIsSmallerThanJavaSerialization() {
        WriteBuffer bson = new WriteBuffer();
        new BsonDocumentType().write(bson, certificateLike());
        WriteBuffer serialized = new WriteBuffer();
        new ObjectDataType().write(serialized, certificateLike());

        assertTrue(bson.position() * 2 < serialized.position(),
                "BSON " + bson.position() + " bytes, Java serialization " + serialized.position() + " bytes");
    }

    @Test
    void aValueWrittenBeforeBsonIsStillRead() {
        Path file = dir.resolve("old.mv");
        MVStore old = new MVStore.Builder().fileName(file.toString()).open();
        old.<Object, Object>openMap("databases.inkan.certificates").put("serial-0a1b2c", certificateLike());
        old.close();

        MVStore store = new MVStore.Builder().fileName(file.toString()).open();
        try {
            MVMap<Object, Document> map = store.openMap("databases.inkan.certificates",
                    new MVMap.Builder<Object, Document>().valueType(new BsonDocumentType()));
            Document read = map.get("serial-0a1b2c");
            assertEquals("acct-1", read.get("accountId"));
            assertEquals(T0, ((Document) read.get("revocation")).get("at"));
        } finally {
            store.close();
        }
    }

    @Test
    void theEmbeddedStoreWritesItsDocumentsAsBson() {
        Path file = dir.resolve("store/inkan.mv");
        Account account = new Account("acct-1", "{\"kty\":\"EC\"}", "thumb-1", List.of("mailto:ops@example.jp"),
                AccountStatus.VALID, true, null, T0);
        Vertx vertx = Vertx.vertx();
        try {
            Storage storage = await(Storage.open(vertx, StorageConfig.embedded(file), new MutableClock(T0)));
            await(storage.stores().accounts().insert(account));
            await(storage.close());
            Storage reopened = await(Storage.open(vertx, StorageConfig.embedded(file), new MutableClock(T0)));
            try {
                assertEquals(Optional.of(account), await(reopened.stores().accounts().byThumbprint("thumb-1")));
            } finally {
                await(reopened.close());
            }
        } finally {
            await(vertx.close());
        }

        TagRecorder recorder = new TagRecorder();
        MVStore store = new MVStore.Builder().fileName(file.toString()).readOnly().open();
        try {
            MVMap<Object, Document> accounts = store.openMap("databases.inkan.accounts",
                    new MVMap.Builder<Object, Document>().valueType(recorder));
            assertFalse(accounts.isEmpty());
            accounts.values().forEach(d -> { });
        } finally {
            store.close();
        }
        assertFalse(recorder.tags.isEmpty());
        assertTrue(recorder.tags.stream().allMatch(t -> t == BsonDocumentType.BSON_TAG), "tags " + recorder.tags);
    }

    /** Reads through the real type, noting the tag each value starts with. */
    private static final class TagRecorder extends BasicDataType<Document> {
        final List<Byte> tags = new ArrayList<>();
        private final BsonDocumentType type = new BsonDocumentType();

        @Override
        public int getMemory(Document obj) {
            return type.getMemory(obj);
        }

        @Override
        public void write(WriteBuffer buff, Document obj) {
            type.write(buff, obj);
        }

        @Override
        public Document read(ByteBuffer buff) {
            tags.add(buff.get(buff.position()));
            return type.read(buff);
        }

        @Override
        public Document[] createStorage(int size) {
            return new Document[size];
        }
    }
}
