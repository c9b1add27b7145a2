package dev.inkan.storage;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.reactivestreams.client.MongoCollection;
import dev.inkan.core.port.BlockedKeys;
import io.vertx.core.Future;
import java.util.Objects;
import org.bson.Document;

/**
 * Collection {@code blockedKeys}: one document per key, {@code _id} = the hex SHA-256 of its SubjectPublicKeyInfo,
 * so the unique {@code _id} index makes blocking idempotent and a lookup one index probe.
 */
final class MongoBlockedKeys implements BlockedKeys {
    static final String COLLECTION = "blockedKeys";

    private final Driver driver;
    private final MongoCollection<Document> keys;

    MongoBlockedKeys(Driver driver, MongoCollection<Document> keys) {
        this.driver = driver;
        this.keys = keys;
    }

    @Override
    public Future<Boolean> isBlocked(String spkiSha256) {
        return driver.first(keys.find(eq("_id", normalized(spkiSha256))).first()).map(found -> found.isPresent());
    }

    @Override
    public Future<Void> block(String spkiSha256, String reason) {
        Document d = new Document("_id", normalized(spkiSha256)).append("reason", reason);
        return InsertIfAbsent.insert(driver, keys, d).mapEmpty();
    }

    private static String normalized(String spkiSha256) {
        return Objects.requireNonNull(spkiSha256, "spkiSha256").toLowerCase(java.util.Locale.ROOT);
    }
}
