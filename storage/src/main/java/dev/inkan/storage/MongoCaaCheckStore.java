package dev.inkan.storage;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.model.Sorts;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import dev.inkan.core.model.CaaCheck;
import dev.inkan.core.port.CaaCheckStore;
import io.vertx.core.Future;
import java.util.List;
import java.util.Optional;
import org.bson.Document;

/**
 * Collection {@code caaChecks}: one document per CAA check, never updated or deleted (BR 3.2.2.8 evidence), indexed
 * on (authorizationId, checkedAt) for "when was this name last checked".
 */
final class MongoCaaCheckStore implements CaaCheckStore {
    static final String COLLECTION = "caaChecks";

    private final Driver driver;
    private final MongoCollection<Document> checks;

    private MongoCaaCheckStore(Driver driver, MongoCollection<Document> checks) {
        this.driver = driver;
        this.checks = checks;
    }

    /** The store over {@code db}; its index is created with every other one at open (Indexes). */
    static MongoCaaCheckStore open(Driver driver, MongoDatabase db) {
        return new MongoCaaCheckStore(driver, db.getCollection(COLLECTION));
    }

    @Override
    public Future<Void> insert(CaaCheck check) {
        return driver.write(checks.insertOne(CaaCheckDocument.of(check)), "CAA check " + check.id() + " exists")
                .mapEmpty();
    }

    @Override
    public Future<Optional<CaaCheck>> latestFor(String authorizationId) {
        return forAuthorization(authorizationId)
                .map(all -> all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1)));
    }

    @Override
    public Future<List<CaaCheck>> forAuthorization(String authorizationId) {
        // Sorted here as well as by the server: checkedAt's sub-millisecond part lives in a sibling field.
        return driver.all(checks.find(eq("authorizationId", authorizationId))
                        .sort(Sorts.ascending("checkedAt", "checkedAtNanos")))
                .map(docs -> docs.stream().map(CaaCheckDocument::read)
                        .sorted((a, b) -> a.result().checkedAt().compareTo(b.result().checkedAt())).toList());
    }
}
