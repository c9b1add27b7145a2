package dev.inkan.storage;

import com.mongodb.reactivestreams.client.MongoCollection;
import dev.inkan.core.model.AuditEvent;
import dev.inkan.core.port.AuditLog;
import io.vertx.core.Future;
import java.util.TreeMap;
import org.bson.Document;
import org.bson.types.ObjectId;

/** CP 002 §5.4: append-only; nothing here updates or deletes an event. */
final class MongoAuditLog implements AuditLog {
    static final String COLLECTION = "audit";

    private final Driver driver;
    private final MongoCollection<Document> audit;

    MongoAuditLog(Driver driver, MongoCollection<Document> audit) {
        this.driver = driver;
        this.audit = audit;
    }

    @Override
    public Future<Void> record(AuditEvent event) {
        return driver.write(audit.insertOne(document(event)), "duplicate audit event").mapEmpty();
    }

    static Document document(AuditEvent event) {
        Document details = new Document();
        new TreeMap<>(event.details()).forEach(details::append);
        // A string _id (an ObjectId's hex, so still in time order): the embedded store writes an ObjectId key
        // with Java serialization every time its page changes, a string natively.
        Document d = new Document("_id", new ObjectId().toHexString())
                .append("type", event.type())
                .append("actor", event.actor())
                .append("subject", event.subject())
                .append("details", details);
        return Times.put(d, "at", event.at());
    }
}
