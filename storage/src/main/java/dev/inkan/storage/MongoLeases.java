package dev.inkan.storage;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.lt;
import static com.mongodb.client.model.Filters.or;

import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import com.mongodb.reactivestreams.client.MongoCollection;
import dev.inkan.core.port.Leases;
import io.vertx.core.Future;
import java.time.Duration;
import java.time.Instant;
import org.bson.Document;

/**
 * Leases as documents {@code {_id: name, holder, until}}. Taking one is a single upserting
 * {@code findOneAndUpdate} that matches only a lease held by the caller or expired: when another holder's live
 * lease exists the filter misses, the upsert collides on {@code _id}, and the answer is no.
 */
final class MongoLeases implements Leases {
    static final String COLLECTION = "leases";

    private final Driver driver;
    private final MongoCollection<Document> leases;

    MongoLeases(Driver driver, MongoCollection<Document> leases) {
        this.driver = driver;
        this.leases = leases;
    }

    @Override
    public Future<Boolean> acquire(String name, String holder, Instant now, Duration term) {
        return driver.first(leases.findOneAndUpdate(
                        and(eq("_id", name), or(eq("holder", holder), lt("until", Times.date(now)))),
                        Updates.combine(Updates.set("holder", holder),
                                Updates.set("until", Times.date(now.plus(term))),
                                Updates.set("takenOrRenewedAt", Times.date(now))),
                        new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.AFTER)))
                .map(d -> d.map(doc -> holder.equals(doc.getString("holder"))).orElse(false))
                .recover(e -> Driver.isDuplicateKey(e) ? Future.succeededFuture(false) : Future.failedFuture(e));
    }

    @Override
    public Future<Void> release(String name, String holder) {
        return driver.first(leases.deleteOne(and(eq("_id", name), eq("holder", holder)))).mapEmpty();
    }
}
