package dev.inkan.storage;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.gt;
import static com.mongodb.client.model.Filters.lt;

import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import com.mongodb.client.result.UpdateResult;
import dev.inkan.core.error.CaException;
import dev.inkan.core.error.ErrorKind;
import dev.inkan.core.port.WebhookStore;
import dev.inkan.core.reseller.DeliveryAttempt;
import dev.inkan.core.reseller.WebhookEvent;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * Collections {@code webhookEvents} ({@code _id} = reseller and zero-padded sequence, so the unique {@code _id}
 * index refuses two events with one number), {@code webhookSequences} (one compare-and-set counter per reseller) and
 * {@code webhookAttempts} (the delivery log).
 */
final class MongoWebhookStore implements WebhookStore {
    static final String EVENTS = "webhookEvents";
    static final String SEQUENCES = "webhookSequences";
    static final String ATTEMPTS = "webhookAttempts";

    private final Driver driver;
    private final MongoCollection<Document> events;
    private final MongoCollection<Document> sequences;
    private final MongoCollection<Document> attempts;

    private MongoWebhookStore(Driver driver, MongoDatabase db) {
        this.driver = driver;
        this.events = db.getCollection(EVENTS);
        this.sequences = db.getCollection(SEQUENCES);
        this.attempts = db.getCollection(ATTEMPTS);
    }

    static MongoWebhookStore open(Driver driver, MongoDatabase db) {
        return new MongoWebhookStore(driver, db); // its indexes: Indexes
    }

    @Override
    public Future<WebhookEvent> append(WebhookEvent t) {
        return nextSequence(t.resellerId(), 0)
                .compose(sequence -> {
                    WebhookEvent e = new WebhookEvent(String.format("%s-%012d", t.resellerId(), sequence),
                            t.resellerId(), sequence, t.type(), t.orderId(), t.payload(), t.createdAt(), t.delivery(),
                            0, t.nextAttempt());
                    Document d = new Document("_id", e.id()).append("resellerId", e.resellerId())
                            .append("sequence", e.sequence()).append("type", e.type()).append("orderId", e.orderId())
                            .append("payload", e.payload()).append("delivery", e.delivery().name())
                            .append("attempts", 0);
                    Times.put(d, "createdAt", e.createdAt());
                    Times.put(d, "nextAttempt", e.nextAttempt());
                    return driver.write(events.insertOne(d), "event " + e.id() + " exists").map(ignored -> e);
                });
    }

    /**
     * Compare-and-set, as MongoCrlCounters does: the embedded server applies concurrent {@code $inc}s to one
     * document non-atomically, so a number is taken by writing value+1 only where the value is still what was read.
     */
    private Future<Long> nextSequence(String resellerId, int attempt) {
        if (attempt >= 50) {
            return Future.failedFuture(new CaException(ErrorKind.SERVER_INTERNAL,
                    "the event counter of " + resellerId + " is contended; gave up"));
        }
        return driver.first(sequences.find(eq("_id", resellerId)).first()).compose(found -> {
            if (found.isEmpty()) {
                return InsertIfAbsent.insert(driver, sequences, new Document("_id", resellerId).append("next", 1L))
                        .compose(inserted -> inserted ? Future.succeededFuture(1L) : nextSequence(resellerId, attempt + 1));
            }
            long current = ((Number) found.get().get("next")).longValue();
            return driver.first(sequences.updateOne(and(eq("_id", resellerId), eq("next", current)),
                            Updates.set("next", current + 1)))
                    .compose(r -> r.map(UpdateResult::getModifiedCount).orElse(0L) == 1
                            ? Future.succeededFuture(current + 1)
                            : nextSequence(resellerId, attempt + 1));
        });
    }

    @Override
    public Future<List<WebhookEvent>> events(String resellerId, long afterSequence, int limit) {
        return driver.all(events.find(and(eq("resellerId", resellerId), gt("sequence", afterSequence)))
                        .sort(Sorts.ascending("sequence")).limit(limit))
                .map(ds -> ds.stream().map(MongoWebhookStore::event).toList());
    }

    @Override
    public Future<List<String>> resellersWithPending() {
        return driver.all(events.distinct("resellerId", eq("delivery", WebhookEvent.Delivery.PENDING.name()),
                String.class));
    }

    @Override
    public Future<Optional<WebhookEvent>> nextPending(String resellerId) {
        return driver.first(events.find(and(eq("resellerId", resellerId),
                        eq("delivery", WebhookEvent.Delivery.PENDING.name())))
                .sort(Sorts.ascending("sequence")).first()).map(d -> d.map(MongoWebhookStore::event));
    }

    @Override
    public Future<Void> recordAttempt(DeliveryAttempt a, WebhookEvent.Delivery delivery, Instant nextAttempt) {
        Document log = new Document("_id", a.id()).append("resellerId", a.resellerId()).append("eventId", a.eventId())
                .append("sequence", a.sequence()).append("url", a.url()).append("attempt", a.attempt())
                .append("statusCode", a.statusCode()).append("error", a.error()).append("millis", a.millis());
        Times.put(log, "at", a.at());
        Document set = new Document("delivery", delivery.name()).append("attempts", a.attempt());
        Times.put(set, "nextAttempt", nextAttempt);
        return driver.first(attempts.insertOne(log))
                .compose(ignored -> driver.first(events.updateOne(eq("_id", a.eventId()), new Document("$set", set))))
                .mapEmpty();
    }

    @Override
    public Future<List<DeliveryAttempt>> attempts(String resellerId, String beforeId, int limit) {
        Bson filter = beforeId == null ? eq("resellerId", resellerId)
                : and(eq("resellerId", resellerId), lt("_id", beforeId));
        return driver.all(attempts.find(filter).sort(Sorts.descending("_id")).limit(limit))
                .map(ds -> ds.stream().map(d -> new DeliveryAttempt(d.getString("_id"), d.getString("resellerId"),
                        d.getString("eventId"), ((Number) d.get("sequence")).longValue(), d.getString("url"),
                        d.getInteger("attempt", 0), Times.get(d, "at"), d.getInteger("statusCode", 0),
                        d.getString("error"), ((Number) d.get("millis")).longValue())).toList());
    }

    private static WebhookEvent event(Document d) {
        return new WebhookEvent(d.getString("_id"), d.getString("resellerId"), ((Number) d.get("sequence")).longValue(),
                d.getString("type"), d.getString("orderId"), d.getString("payload"), Times.get(d, "createdAt"),
                WebhookEvent.Delivery.valueOf(d.getString("delivery")), d.getInteger("attempts", 0),
                Times.get(d, "nextAttempt"));
    }
}
