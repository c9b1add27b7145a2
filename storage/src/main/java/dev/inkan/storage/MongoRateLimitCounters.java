package dev.inkan.storage;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.lt;

import com.mongodb.client.model.Updates;
import com.mongodb.client.result.UpdateResult;
import com.mongodb.reactivestreams.client.MongoCollection;
import dev.inkan.core.error.CaException;
import dev.inkan.core.error.ErrorKind;
import dev.inkan.core.port.RateLimitCounters;
import io.vertx.core.Future;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bson.Document;

/**
 * Collection {@code rateLimits}: one document per key and window, {@code _id} {@code <key>@<window start epoch
 * seconds>}, holding the count and when the window ends. Each count is a compare-and-set from the value read (the
 * embedded server applies concurrent {@code $inc}s non-atomically, see {@link MongoCrlCounters}), so two front ends
 * never both take the last event of a window. Windows past their end are purged now and then.
 */
final class MongoRateLimitCounters implements RateLimitCounters {
    static final String COLLECTION = "rateLimits";
    private static final String COUNT = "count";
    private static final String ENDS = "ends";
    private static final int MAX_ATTEMPTS = 100;

    private final Driver driver;
    private final MongoCollection<Document> counters;

    MongoRateLimitCounters(Driver driver, MongoCollection<Document> counters) {
        this.driver = driver;
        this.counters = counters;
    }

    @Override
    public Future<Long> count(String key, Duration window, Instant now) {
        return driver.first(counters.find(eq("_id", id(key, window, now))).first())
                .map(found -> found.map(MongoRateLimitCounters::count).orElse(0L));
    }

    @Override
    public Future<Boolean> take(String key, long limit, Duration window, Instant now) {
        return bump(id(key, window, now), limit, window, now, 0);
    }

    @Override
    public Future<Void> add(String key, Duration window, Instant now) {
        return bump(id(key, window, now), Long.MAX_VALUE, window, now, 0).mapEmpty();
    }

    /** Deletes the windows that ended before {@code now}; how many. */
    Future<Long> purge(Instant now) {
        return driver.first(counters.deleteMany(lt(ENDS, Date.from(now))))
                .map(r -> r.map(d -> d.getDeletedCount()).orElse(0L));
    }

    private Future<Boolean> bump(String id, long limit, Duration window, Instant now, int attempt) {
        if (attempt >= MAX_ATTEMPTS) {
            return Future.failedFuture(new CaException(ErrorKind.SERVER_INTERNAL,
                    "rate limit counter " + id + " is contended; gave up after " + MAX_ATTEMPTS + " attempts"));
        }
        return driver.first(counters.find(eq("_id", id)).first()).compose(found -> {
            if (found.isEmpty()) {
                if (limit < 1) {
                    return Future.succeededFuture(false);
                }
                Instant ends = RateLimitCounters.windowStart(now, window).plus(window);
                return InsertIfAbsent.insert(driver, counters,
                                new Document("_id", id).append(COUNT, 1L).append(ENDS, Date.from(ends)))
                        .compose(inserted -> inserted ? Future.succeededFuture(true)
                                : bump(id, limit, window, now, attempt + 1));
            }
            long current = count(found.get());
            if (current >= limit) {
                return Future.succeededFuture(false);
            }
            return driver.first(counters.updateOne(and(eq("_id", id), eq(COUNT, current)), Updates.set(COUNT, current + 1)))
                    .compose(result -> result.map(UpdateResult::getModifiedCount).orElse(0L) == 1
                            ? Future.succeededFuture(true)
                            : bump(id, limit, window, now, attempt + 1));
        });
    }

    private static String id(String key, Duration window, Instant now) {
        return key + "@" + RateLimitCounters.windowStart(now, window).getEpochSecond();
    }

    private static long count(Document d) {
        return ((Number) d.get(COUNT)).longValue();
    }
}
