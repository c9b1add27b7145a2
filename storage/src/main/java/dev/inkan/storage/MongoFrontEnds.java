package dev.inkan.storage;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.reactivestreams.client.MongoCollection;
import dev.inkan.core.port.FrontEnds;
import io.vertx.core.Future;
import java.util.Optional;
import org.bson.Document;

/** The front ends as documents {@code {_id: noncePrefix, redeemUrl, name, seenAt}}, one upsert per heartbeat. */
final class MongoFrontEnds implements FrontEnds {
    static final String COLLECTION = "frontEnds";

    private final Driver driver;
    private final MongoCollection<Document> frontEnds;

    MongoFrontEnds(Driver driver, MongoCollection<Document> frontEnds) {
        this.driver = driver;
        this.frontEnds = frontEnds;
    }

    @Override
    public Future<Void> announce(FrontEnd f) {
        Document d = new Document("_id", f.noncePrefix()).append("redeemUrl", f.redeemUrl()).append("name", f.name());
        Times.put(d, "seenAt", f.seenAt());
        return driver.first(frontEnds.replaceOne(eq("_id", f.noncePrefix()), d, new ReplaceOptions().upsert(true)))
                .mapEmpty();
    }

    @Override
    public Future<Optional<FrontEnd>> byNoncePrefix(String noncePrefix) {
        return driver.first(frontEnds.find(eq("_id", noncePrefix)).first()).map(found -> found.map(d ->
                new FrontEnd(d.getString("_id"), d.getString("redeemUrl"), d.getString("name"),
                        Times.get(d, "seenAt"))));
    }

    @Override
    public Future<Void> withdraw(String noncePrefix) {
        return driver.first(frontEnds.deleteOne(eq("_id", noncePrefix))).mapEmpty();
    }
}
