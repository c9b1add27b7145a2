package dev.inkan.storage;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.lt;

import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import dev.inkan.core.port.IdempotencyStore;
import dev.inkan.core.reseller.IdempotentReply;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.Optional;
import org.bson.Document;

/** Collection {@code idempotencyKeys}: {@code _id} = reseller and key, so the unique {@code _id} makes the claim. */
final class MongoIdempotencyStore implements IdempotencyStore {
    static final String COLLECTION = "idempotencyKeys";

    private final Driver driver;
    private final MongoCollection<Document> replies;

    MongoIdempotencyStore(Driver driver, MongoDatabase db) {
        this.driver = driver;
        this.replies = db.getCollection(COLLECTION);
    }

    @Override
    public Future<Optional<IdempotentReply>> claim(IdempotentReply running) {
        return InsertIfAbsent.insert(driver, replies, document(running)).compose(inserted -> inserted
                ? Future.succeededFuture(Optional.empty())
                : driver.first(replies.find(eq("_id", id(running.resellerId(), running.key()))).first())
                        .map(d -> d.map(MongoIdempotencyStore::read)));
    }

    @Override
    public Future<Void> complete(IdempotentReply reply) {
        return driver.first(replies.replaceOne(eq("_id", id(reply.resellerId(), reply.key())), document(reply)))
                .mapEmpty();
    }

    @Override
    public Future<Void> release(String resellerId, String key) {
        return driver.first(replies.deleteOne(eq("_id", id(resellerId, key)))).mapEmpty();
    }

    @Override
    public Future<Long> purge(Instant createdBefore) {
        return driver.first(replies.deleteMany(lt("createdAt", Times.date(createdBefore))))
                .map(r -> r.map(com.mongodb.client.result.DeleteResult::getDeletedCount).orElse(0L));
    }

    private static String id(String resellerId, String key) {
        return resellerId + "/" + key;
    }

    private static Document document(IdempotentReply r) {
        return Times.put(new Document("_id", id(r.resellerId(), r.key())).append("resellerId", r.resellerId())
                .append("key", r.key()).append("fingerprint", r.fingerprint()).append("status", r.status())
                .append("contentType", r.contentType()).append("location", r.location()).append("body", r.body()),
                "createdAt", r.createdAt());
    }

    private static IdempotentReply read(Document d) {
        return new IdempotentReply(d.getString("resellerId"), d.getString("key"), d.getString("fingerprint"),
                d.getInteger("status", 0), d.getString("contentType"), d.getString("location"), d.getString("body"),
                Times.get(d, "createdAt"));
    }
}
