package dev.inkan.storage;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import dev.inkan.core.port.RateLimitOverrides;
import io.vertx.core.Future;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.bson.Document;

/**
 * Collection {@code rateLimitOverrides}: one document per account ({@code _id} {@code account:<id>}) or reseller
 * ({@code reseller:<id>}) with {@code counts}, limit name to count. An account's reseller is the one whose
 * customer record names the account.
 */
final class MongoRateLimitOverrides implements RateLimitOverrides {
    static final String COLLECTION = "rateLimitOverrides";
    private static final String COUNTS = "counts";

    private final Driver driver;
    private final MongoCollection<Document> overrides;
    private final MongoCollection<Document> customers;

    MongoRateLimitOverrides(Driver driver, MongoDatabase db) {
        this.driver = driver;
        this.overrides = db.getCollection(COLLECTION);
        this.customers = db.getCollection(MongoCustomerStore.COLLECTION);
    }

    @Override
    public Future<Map<String, Long>> forAccount(String accountId) {
        Future<Map<String, Long>> own = counts("account:" + accountId);
        Future<Map<String, Long>> reseller = driver.first(customers.find(eq("accountId", accountId))
                        .projection(new Document("resellerId", 1)).first())
                .compose(c -> c.map(d -> d.getString("resellerId")).filter(r -> r != null)
                        .map(r -> counts("reseller:" + r)).orElse(Future.succeededFuture(Map.of())));
        return Future.all(own, reseller).map(x -> {
            Map<String, Long> merged = new HashMap<>(reseller.result());
            merged.putAll(own.result());
            return Map.copyOf(merged);
        });
    }

    @Override
    public Future<Void> setAccount(String accountId, Map<String, Long> counts) {
        return set("account:" + accountId, counts);
    }

    @Override
    public Future<Void> setReseller(String resellerId, Map<String, Long> counts) {
        return set("reseller:" + resellerId, counts);
    }

    private Future<Map<String, Long>> counts(String id) {
        return driver.first(overrides.find(eq("_id", id)).first()).map(found -> found
                .map(d -> d.get(COUNTS, Document.class)).map(MongoRateLimitOverrides::read).orElse(Map.of()));
    }

    private static Map<String, Long> read(Document counts) {
        Map<String, Long> m = new HashMap<>();
        counts.forEach((k, v) -> {
            if (v instanceof Number n) {
                m.put(k, n.longValue());
            }
        });
        return m;
    }

    private Future<Void> set(String id, Map<String, Long> counts) {
        if (counts.isEmpty()) {
            return driver.first(overrides.deleteOne(eq("_id", id))).mapEmpty();
        }
        Document doc = new Document("_id", id).append(COUNTS, new Document(new HashMap<String, Object>(counts)));
        return driver.first(overrides.replaceOne(eq("_id", id), doc, new ReplaceOptions().upsert(true)))
                .map(Optional::isPresent).mapEmpty();
    }
}
