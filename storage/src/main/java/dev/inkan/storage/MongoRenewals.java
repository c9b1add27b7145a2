package dev.inkan.storage;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import dev.inkan.core.error.CaException;
import dev.inkan.core.error.ErrorKind;
import dev.inkan.core.model.RenewalFlag;
import dev.inkan.core.model.Replacement;
import dev.inkan.core.port.Renewals;
import io.vertx.core.Future;
import java.util.Optional;
import org.bson.Document;

/**
 * RFC 9773 state. Collection {@code renewalFlags}: {@code _id} = the flagged serial. Collection
 * {@code replacements}: {@code _id} = the replaced serial, so the unique {@code _id} index lets exactly one order
 * claim a certificate; an index on {@code orderId} finds an order's claim.
 */
final class MongoRenewals implements Renewals {
    static final String FLAGS = "renewalFlags";
    static final String REPLACEMENTS = "replacements";

    private final Driver driver;
    private final MongoCollection<Document> flags;
    private final MongoCollection<Document> replacements;

    private MongoRenewals(Driver driver, MongoCollection<Document> flags, MongoCollection<Document> replacements) {
        this.driver = driver;
        this.flags = flags;
        this.replacements = replacements;
    }

    /** The store over {@code db}; its index is created with every other one at open (Indexes). */
    static MongoRenewals open(Driver driver, MongoDatabase db) {
        return new MongoRenewals(driver, db.getCollection(FLAGS), db.getCollection(REPLACEMENTS));
    }

    @Override
    public Future<RenewalFlag> flag(RenewalFlag flag) {
        Document d = Times.put(new Document("_id", flag.serial())
                .append("explanationUrl", flag.explanationUrl())
                .append("actor", flag.actor()), "flaggedAt", flag.flaggedAt());
        return InsertIfAbsent.insert(driver, flags, d)
                .compose(ignored -> flagOf(flag.serial()))
                .map(stored -> stored.orElseThrow(() ->
                        new CaException(ErrorKind.SERVER_INTERNAL, "renewal flag " + flag.serial() + " vanished")));
    }

    @Override
    public Future<Optional<RenewalFlag>> flagOf(String serial) {
        return driver.first(flags.find(eq("_id", serial)).first()).map(found -> found.map(d -> new RenewalFlag(
                d.getString("_id"), d.getString("explanationUrl"), d.getString("actor"), Times.get(d, "flaggedAt"))));
    }

    @Override
    public Future<Optional<Replacement>> replacementOf(String serial) {
        return driver.first(replacements.find(eq("_id", serial)).first()).map(found -> found.map(MongoRenewals::read));
    }

    @Override
    public Future<Optional<Replacement>> replacementBy(String orderId) {
        return driver.first(replacements.find(eq("orderId", orderId)).first()).map(found -> found.map(MongoRenewals::read));
    }

    @Override
    public Future<Boolean> claim(Replacement replacement, String supersededOrderId) {
        Document d = new Document("_id", replacement.serial())
                .append("certId", replacement.certId())
                .append("orderId", replacement.orderId())
                .append("accountId", replacement.accountId());
        if (supersededOrderId == null) {
            return InsertIfAbsent.insert(driver, replacements, d);
        }
        // Conditional on the failed order still holding the claim: of two retries, one wins.
        return driver.first(replacements.replaceOne(
                        and(eq("_id", replacement.serial()), eq("orderId", supersededOrderId)), d, new ReplaceOptions()))
                .map(result -> result.map(r -> r.getModifiedCount() == 1 || r.getMatchedCount() == 1).orElse(false));
    }

    private static Replacement read(Document d) {
        return new Replacement(d.getString("_id"), d.getString("certId"), d.getString("orderId"),
                d.getString("accountId"));
    }
}
