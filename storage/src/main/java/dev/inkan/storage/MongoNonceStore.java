package dev.inkan.storage;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.lt;

import com.mongodb.reactivestreams.client.MongoCollection;
import dev.inkan.core.error.CaException;
import dev.inkan.core.error.ErrorKind;
import dev.inkan.core.port.NonceStore;
import io.vertx.core.Future;
import java.time.Instant;
import org.bson.Document;

/**
 * RFC 8555 §6.5: a nonce is accepted once by any replica. Redeemed nonces are documents in {@code nonces}
 * whose {@code _id} is the nonce id, so the unique {@code _id} index decides who redeemed first. Expired
 * ones are purged by the caller (no TTL index: the embedded server ignores it).
 */
final class MongoNonceStore implements NonceStore {
    static final String NONCES = "nonces";
    static final String SETTINGS = "settings";
    private static final String NONCE_KEY_ID = "nonceKey";

    private final Driver driver;
    private final MongoCollection<Document> nonces;
    private final MongoCollection<Document> settings;

    MongoNonceStore(Driver driver, MongoCollection<Document> nonces, MongoCollection<Document> settings) {
        this.driver = driver;
        this.nonces = nonces;
        this.settings = settings;
    }

    @Override
    public Future<byte[]> nonceKey(byte[] candidate) {
        Document document = new Document("_id", NONCE_KEY_ID).append("value", CertificateDocument.binary(candidate));
        return InsertIfAbsent.insert(driver, settings, document)
                .compose(ignored -> driver.first(settings.find(eq("_id", NONCE_KEY_ID)).first()))
                .map(stored -> stored.map(d -> CertificateDocument.bytes(d, "value"))
                        .orElseThrow(() -> new CaException(ErrorKind.SERVER_INTERNAL, "the nonce key vanished")));
    }

    @Override
    public Future<Boolean> redeem(String nonceId, Instant expiresAt) {
        return InsertIfAbsent.insert(driver, nonces, Times.put(new Document("_id", nonceId), "expiresAt", expiresAt));
    }

    @Override
    public Future<Long> purgeExpired(Instant now) {
        return driver.first(nonces.deleteMany(lt("expiresAt", Times.date(now))))
                .map(result -> result.map(r -> r.getDeletedCount()).orElse(0L));
    }
}
