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
 * Leases as documents {@code {_id: name, holder, until}}. Taking one is a conditional {@code findOneAndUpdate} that
 * matches only a lease held by the caller or expired; when it misses and no lease document exists yet, an insert
 * creates it, and an insert that collides on {@code _id} lost a race to another taker. A standby that finds another
 * holder's live lease on every beat is the expected case, so it is answered by a read, never by a failed write:
 * an upsert colliding on {@code _id} on every beat made the store log a duplicate-key error each time, which hid real
 * store failures among thousands of expected ones.
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
                        new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER)))
                .compose(taken -> {
                    if (taken.isPresent()) {
                        return Future.succeededFuture(holder.equals(taken.get().getString("holder")));
                    }
                    // another holder's live lease, or none yet
                    return driver.first(leases.find(eq("_id", name)).limit(1)).compose(live -> live.isPresent()
                            ? Future.succeededFuture(false)
                            : driver.first(leases.insertOne(new Document("_id", name).append("holder", holder)
                                            .append("until", Times.date(now.plus(term)))
                                            .append("takenOrRenewedAt", Times.date(now))))
                                    .map(true)
                                    .recover(e -> Driver.isDuplicateKey(e)
                                            ? Future.succeededFuture(false) // another taker was first
                                            : Future.failedFuture(e)));
                });
    }

    @Override
    public Future<Void> release(String name, String holder) {
        return driver.first(leases.deleteOne(and(eq("_id", name), eq("holder", holder)))).mapEmpty();
    }
}
