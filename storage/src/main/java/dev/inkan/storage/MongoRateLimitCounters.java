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
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.bson.Document;

/**
 * Collection {@code rateLimits}: one document per key and window, {@code _id} {@code <key>@<window start epoch
 * seconds>}, holding the count and when the window ends. Each count is a compare-and-set from the value read (the
 * embedded server applies concurrent {@code $inc}s non-atomically, see {@link MongoCrlCounters}), so two front ends
 * never both take the last event of a window. Windows past their end are purged now and then.
 *
 * <p>Each counter remembers the last count it saw of each window (read, inserted or set) and first tries its
 * compare-and-set from that value, without reading: one call instead of two when no other front end counted
 * meanwhile, the same read-and-retry when one did (the conditional update then changes nothing). A count never falls
 * within a window, so a remembered count already at the limit refuses without asking the store.
 */
final class MongoRateLimitCounters implements RateLimitCounters {
    static final String COLLECTION = "rateLimits";
    private static final String COUNT = "count";
    private static final String ENDS = "ends";
    private static final int MAX_ATTEMPTS = 100;
    /** Windows remembered at most; past it the memory starts over (a miss costs one read, nothing else). */
    private static final int MAX_REMEMBERED = 10_000;

    private final Driver driver;
    private final MongoCollection<Document> counters;
    /** The last count this process saw per window id; 0 when the window had no document. */
    private final Map<String, Long> lastSeen = new ConcurrentHashMap<>();

    MongoRateLimitCounters(Driver driver, MongoCollection<Document> counters) {
        this.driver = driver;
        this.counters = counters;
    }

    @Override
    public Future<Long> count(String key, Duration window, Instant now) {
        String id = id(key, window, now);
        return driver.first(counters.find(eq("_id", id)).first())
                .map(found -> seen(id, found.map(MongoRateLimitCounters::count).orElse(0L)));
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
        Long remembered = attempt == 0 ? lastSeen.get(id) : null;
        if (remembered != null) {
            if (remembered >= limit) {
                return Future.succeededFuture(false);
            }
            return (remembered == 0 ? inserted(id, window, now) : set(id, remembered))
                    .compose(done -> done ? Future.succeededFuture(true) : bump(id, limit, window, now, attempt + 1));
        }
        return driver.first(counters.find(eq("_id", id)).first()).compose(found -> {
            if (found.isEmpty()) {
                if (limit < 1) {
                    return Future.succeededFuture(false);
                }
                return inserted(id, window, now).compose(inserted -> inserted ? Future.succeededFuture(true)
                        : bump(id, limit, window, now, attempt + 1));
            }
            long current = seen(id, count(found.get()));
            if (current >= limit) {
                return Future.succeededFuture(false);
            }
            return set(id, current).compose(done -> done ? Future.succeededFuture(true)
                    : bump(id, limit, window, now, attempt + 1));
        });
    }

    /** The window's first event: true when this call created its document with count 1. */
    private Future<Boolean> inserted(String id, Duration window, Instant now) {
        Instant ends = RateLimitCounters.windowStart(now, window).plus(window);
        return InsertIfAbsent.insert(driver, counters,
                        new Document("_id", id).append(COUNT, 1L).append(ENDS, Date.from(ends)))
                .map(inserted -> {
                    if (inserted) {
                        seen(id, 1L);
                    } else {
                        lastSeen.remove(id);
                    }
                    return inserted;
                });
    }

    /** The count from {@code current} to one more, unless another event counted first: true when this call did. */
    private Future<Boolean> set(String id, long current) {
        return driver.first(counters.updateOne(and(eq("_id", id), eq(COUNT, current)), Updates.set(COUNT, current + 1)))
                .map(result -> {
                    boolean done = result.map(UpdateResult::getModifiedCount).orElse(0L) == 1;
                    if (done) {
                        seen(id, current + 1);
                    } else {
                        lastSeen.remove(id);
                    }
                    return done;
                });
    }

    private long seen(String id, long count) {
        if (lastSeen.size() >= MAX_REMEMBERED) {
            lastSeen.clear();
        }
        lastSeen.put(id, count);
        return count;
    }

    private static String id(String key, Duration window, Instant now) {
        return key + "@" + RateLimitCounters.windowStart(now, window).getEpochSecond();
    }

    private static long count(Document d) {
        return ((Number) d.get(COUNT)).longValue();
    }
}
