package dev.inkan.storage;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.lt;

import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import dev.inkan.core.error.CaException;
import dev.inkan.core.error.ErrorKind;
import dev.inkan.core.port.WebSessions;
import io.vertx.core.Future;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.bson.Document;

/**
 * Collection {@code webSessions}: one document per session, {@code _id} realm and id joined, the values as a
 * sub-document, and {@code idleAfter} (last access plus timeout) for the purge.
 */
final class MongoWebSessions implements WebSessions {
    static final String SESSIONS = "webSessions";
    private final Driver driver;
    private final MongoCollection<Document> sessions;

    MongoWebSessions(Driver driver, MongoDatabase db) {
        this.driver = driver;
        this.sessions = db.getCollection(SESSIONS); // its index: dev.inkan.storage.Indexes
    }

    private static String key(String realm, String id) {
        return realm + ":" + id;
    }

    @Override
    public Future<Optional<Stored>> get(String realm, String id) {
        return driver.first(sessions.find(eq("_id", key(realm, id)))).map(d -> d.map(MongoWebSessions::read));
    }

    @Override
    public Future<Boolean> put(Stored s, int expectedVersion) {
        Document doc = new Document("_id", key(s.realm(), s.id())).append("realm", s.realm())
                .append("id", s.id()).append("data", new Document(new HashMap<String, Object>(s.data())))
                .append("lastAccessed", s.lastAccessed()).append("timeout", s.timeout())
                .append("idleAfter", s.lastAccessed() + s.timeout()).append("version", s.version());
        return driver.first(sessions.replaceOne(and(eq("_id", doc.get("_id")), eq("version", expectedVersion)), doc))
                .compose(r -> {
                    if (r.isPresent() && r.get().getMatchedCount() == 1) {
                        return Future.succeededFuture(true);
                    }
                    return driver.write(sessions.insertOne(doc), "session exists").map(true)
                            .recover(e -> e instanceof CaException ce && ce.kind() == ErrorKind.CONFLICT
                                    ? Future.succeededFuture(false) : Future.failedFuture(e));
                });
    }

    @Override
    public Future<Void> delete(String realm, String id) {
        return driver.first(sessions.deleteOne(eq("_id", key(realm, id)))).mapEmpty();
    }

    @Override
    public Future<Long> deleteIdle(String realm, long nowMillis) {
        return driver.first(sessions.deleteMany(and(eq("realm", realm), lt("idleAfter", nowMillis))))
                .map(r -> r.map(x -> x.getDeletedCount()).orElse(0L));
    }

    @Override
    public Future<Long> count(String realm) {
        return driver.first(sessions.countDocuments(eq("realm", realm))).map(n -> n.orElse(0L));
    }

    private static Stored read(Document d) {
        Map<String, String> data = new HashMap<>();
        Document values = d.get("data", Document.class);
        if (values != null) {
            values.forEach((k, v) -> data.put(k, String.valueOf(v)));
        }
        return new Stored(d.getString("realm"), d.getString("id"), data, d.getLong("lastAccessed"),
                d.getLong("timeout"), d.getInteger("version"));
    }
}
