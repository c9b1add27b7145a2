package dev.inkan.storage;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.model.Updates;
import com.mongodb.client.result.UpdateResult;
import com.mongodb.reactivestreams.client.MongoCollection;
import dev.inkan.core.error.CaException;
import dev.inkan.core.error.ErrorKind;
import dev.inkan.core.port.CrlCounters;
import io.vertx.core.Future;
import org.bson.Document;

/**
 * Collection {@code crlCounters}: {@code crl:<crlId>} holds the last CRL number handed out, {@code revocations:
 * <issuerId>} the revocation count. Each bump is a conditional update from the value read, so two processes
 * never get the same CRL number and a number never goes back, restarts included.
 */
final class MongoCrlCounters implements CrlCounters {
    static final String COLLECTION = "crlCounters";
    private static final String VALUE = "value";
    private static final int MAX_ATTEMPTS = 100;

    private final Driver driver;
    private final MongoCollection<Document> counters;

    MongoCrlCounters(Driver driver, MongoCollection<Document> counters) {
        this.driver = driver;
        this.counters = counters;
    }

    @Override
    public Future<Long> nextCrlNumber(String crlId) {
        return increment("crl:" + crlId);
    }

    @Override
    public Future<Long> revocationRecorded(String issuerId) {
        return increment("revocations:" + issuerId);
    }

    @Override
    public Future<Long> revocations(String issuerId) {
        return driver.first(counters.find(eq("_id", "revocations:" + issuerId)).first())
                .map(found -> found.map(MongoCrlCounters::value).orElse(0L));
    }

    /**
     * Compare-and-set: read the value, then write value+1 only where the value is still what was read (or insert
     * the first); whoever loses the race reads again. A bare {@code $inc} would do on MongoDB, but the embedded
     * server applies concurrent {@code $inc}s to the same document non-atomically.
     */
    private Future<Long> increment(String id) {
        return increment(id, 0);
    }

    private Future<Long> increment(String id, int attempt) {
        if (attempt >= MAX_ATTEMPTS) {
            return Future.failedFuture(new CaException(ErrorKind.SERVER_INTERNAL,
                    "counter " + id + " is contended; gave up after " + MAX_ATTEMPTS + " attempts"));
        }
        return driver.first(counters.find(eq("_id", id)).first()).compose(found -> {
            if (found.isEmpty()) {
                return InsertIfAbsent.insert(driver, counters, new Document("_id", id).append(VALUE, 1L))
                        .compose(inserted -> inserted ? Future.succeededFuture(1L) : increment(id, attempt + 1));
            }
            long current = value(found.get());
            return driver.first(counters.updateOne(and(eq("_id", id), eq(VALUE, current)), Updates.set(VALUE, current + 1)))
                    .compose(result -> result.map(UpdateResult::getModifiedCount).orElse(0L) == 1
                            ? Future.succeededFuture(current + 1)
                            : increment(id, attempt + 1));
        });
    }

    private static long value(Document d) {
        return ((Number) d.get(VALUE)).longValue();
    }
}
