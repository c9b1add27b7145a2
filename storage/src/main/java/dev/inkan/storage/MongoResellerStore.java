package dev.inkan.storage;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import com.mongodb.client.result.UpdateResult;
import dev.inkan.core.error.CaException;
import dev.inkan.core.error.ErrorKind;
import dev.inkan.core.port.ResellerStore;
import dev.inkan.core.reseller.ApiKey;
import dev.inkan.core.reseller.Reseller;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.bson.Document;

/**
 * Collections {@code resellers}, {@code apiKeys} (indexed by reseller) and {@code resellerOrderCounts}
 * ({@code _id} = reseller and UTC day, a compare-and-set counter that never passes the quota).
 */
final class MongoResellerStore implements ResellerStore {
    static final String RESELLERS = "resellers";
    static final String KEYS = "apiKeys";
    static final String COUNTS = "resellerOrderCounts";
    private static final FindOneAndUpdateOptions AFTER = new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER);

    private final Driver driver;
    private final MongoCollection<Document> resellers;
    private final MongoCollection<Document> keys;
    private final MongoCollection<Document> counts;

    private MongoResellerStore(Driver driver, MongoDatabase db) {
        this.driver = driver;
        this.resellers = db.getCollection(RESELLERS);
        this.keys = db.getCollection(KEYS);
        this.counts = db.getCollection(COUNTS);
    }

    static MongoResellerStore open(Driver driver, MongoDatabase db) {
        return new MongoResellerStore(driver, db); // its indexes: Indexes
    }

    @Override
    public Future<Reseller> insert(Reseller r) {
        Document d = Times.put(new Document("_id", r.id()).append("name", r.name()).append("email", r.email())
                .append("ordersPerDay", r.ordersPerDay()).append("namesPerOrder", r.namesPerOrder())
                .append("webhookUrl", r.webhookUrl()).append("webhookSecret", r.webhookSecret())
                .append("active", r.active()), "createdAt", r.createdAt());
        return driver.write(resellers.insertOne(d), "a reseller with this id already exists").map(ignored -> r);
    }

    @Override
    public Future<Optional<Reseller>> byId(String id) {
        return driver.first(resellers.find(eq("_id", id)).first()).map(d -> d.map(MongoResellerStore::reseller));
    }

    @Override
    public Future<List<Reseller>> all() {
        return driver.all(resellers.find().sort(Sorts.ascending("_id")))
                .map(ds -> ds.stream().map(MongoResellerStore::reseller).toList());
    }

    @Override
    public Future<Optional<Reseller>> setWebhook(String resellerId, String url, String secret) {
        return driver.first(resellers.findOneAndUpdate(eq("_id", resellerId),
                        Updates.combine(Updates.set("webhookUrl", url), Updates.set("webhookSecret", secret)), AFTER))
                .map(d -> d.map(MongoResellerStore::reseller));
    }

    @Override
    public Future<ApiKey> insertKey(ApiKey k) {
        Document d = new Document("_id", k.id()).append("resellerId", k.resellerId())
                .append("secretSha256", k.secretSha256());
        Times.put(d, "createdAt", k.createdAt());
        Times.put(d, "expiresAt", k.expiresAt());
        Times.put(d, "revokedAt", k.revokedAt());
        return driver.write(keys.insertOne(d), "an API key with this id already exists").map(ignored -> k);
    }

    @Override
    public Future<Optional<ApiKey>> keyById(String keyId) {
        return driver.first(keys.find(eq("_id", keyId)).first()).map(d -> d.map(MongoResellerStore::key));
    }

    @Override
    public Future<List<ApiKey>> keysOf(String resellerId) {
        return driver.all(keys.find(eq("resellerId", resellerId)).sort(Sorts.ascending("createdAt")))
                .map(ds -> ds.stream().map(MongoResellerStore::key).toList());
    }

    @Override
    public Future<Optional<ApiKey>> expireKey(String keyId, Instant expiresAt) {
        Document set = Times.put(new Document(), "expiresAt", expiresAt);
        return driver.first(keys.findOneAndUpdate(and(eq("_id", keyId), eq("expiresAt", null), eq("revokedAt", null)),
                new Document("$set", set), AFTER)).map(d -> d.map(MongoResellerStore::key));
    }

    @Override
    public Future<Optional<ApiKey>> revokeKey(String keyId, Instant at) {
        Document set = Times.put(new Document(), "revokedAt", at);
        return driver.first(keys.findOneAndUpdate(and(eq("_id", keyId), eq("revokedAt", null)),
                new Document("$set", set), AFTER)).map(d -> d.map(MongoResellerStore::key));
    }

    @Override
    public Future<Boolean> countOrder(String resellerId, String day, int limit) {
        return countOrder(resellerId + "/" + day, limit, 0);
    }

    /**
     * Compare-and-set (the embedded server applies concurrent {@code $inc}s non-atomically): write count+1 only where
     * the count is still what was read and under the limit; whoever loses the race reads again.
     */
    private Future<Boolean> countOrder(String id, int limit, int attempt) {
        if (attempt >= 50) {
            return Future.failedFuture(new CaException(ErrorKind.SERVER_INTERNAL, "quota counter " + id
                    + " is contended; gave up"));
        }
        return driver.first(counts.find(eq("_id", id)).first()).compose(found -> {
            if (found.isEmpty()) {
                return limit < 1 ? Future.succeededFuture(false)
                        : InsertIfAbsent.insert(driver, counts, new Document("_id", id).append("count", 1))
                                .compose(inserted -> inserted ? Future.succeededFuture(true)
                                        : countOrder(id, limit, attempt + 1));
            }
            int current = ((Number) found.get().get("count")).intValue();
            if (current >= limit) {
                return Future.succeededFuture(false);
            }
            return driver.first(counts.updateOne(and(eq("_id", id), eq("count", current)), Updates.set("count", current + 1)))
                    .compose(r -> r.map(UpdateResult::getModifiedCount).orElse(0L) == 1
                            ? Future.succeededFuture(true)
                            : countOrder(id, limit, attempt + 1));
        });
    }

    @Override
    public Future<Integer> ordersOn(String resellerId, String day) {
        return driver.first(counts.find(eq("_id", resellerId + "/" + day)).first())
                .map(d -> d.map(doc -> ((Number) doc.get("count")).intValue()).orElse(0));
    }

    private static Reseller reseller(Document d) {
        return new Reseller(d.getString("_id"), d.getString("name"), d.getString("email"),
                d.getInteger("ordersPerDay", 0), d.getInteger("namesPerOrder", 0), d.getString("webhookUrl"),
                d.getString("webhookSecret"), d.getBoolean("active", true), Times.get(d, "createdAt"));
    }

    private static ApiKey key(Document d) {
        return new ApiKey(d.getString("_id"), d.getString("resellerId"), d.getString("secretSha256"),
                Times.get(d, "createdAt"), Times.get(d, "expiresAt"), Times.get(d, "revokedAt"));
    }
}
