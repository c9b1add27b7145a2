package dev.inkan.storage;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.ne;

import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import com.mongodb.reactivestreams.client.MongoCollection;
import dev.inkan.core.port.IssuanceQueue;
import dev.inkan.core.vetting.OrganizationSubject;
import io.vertx.core.Future;
import java.util.List;
import java.util.Optional;
import org.bson.Document;

/**
 * The issuance queue as one collection, {@code _id} = order id. Claiming is one {@code findOneAndUpdate} from
 * {@code holder: null}, so of two signers asking at once only one gets a given job.
 */
final class MongoIssuanceQueue implements IssuanceQueue {
    static final String COLLECTION = "issuanceQueue";

    private final Driver driver;
    private final MongoCollection<Document> jobs;

    MongoIssuanceQueue(Driver driver, MongoCollection<Document> jobs) {
        this.driver = driver;
        this.jobs = jobs;
    }

    @Override
    public Future<Void> enqueue(Job job) {
        Document d = new Document("_id", job.orderId())
                .append("accountId", job.accountId())
                .append("caProfile", job.caProfile())
                .append("spki", CertificateDocument.binary(job.subjectPublicKeyInfo()))
                .append("dnsNames", job.dnsNames())
                .append("holder", null)
                .append("attempts", job.attempts());
        if (job.organization() != null) {
            OrganizationSubject o = job.organization();
            d.append("organization", new Document("c", o.country()).append("st", o.stateOrProvince())
                    .append("l", o.locality()).append("o", o.organization()));
        }
        Times.put(d, "queuedAt", job.queuedAt());
        return driver.write(jobs.insertOne(d), "the order " + job.orderId() + " is queued already").mapEmpty();
    }

    @Override
    public Future<Optional<Job>> claim(String holder) {
        return driver.first(jobs.findOneAndUpdate(eq("holder", null),
                        Updates.combine(Updates.set("holder", holder), Updates.inc("attempts", 1)),
                        new FindOneAndUpdateOptions().sort(Sorts.ascending("queuedAt"))
                                .returnDocument(ReturnDocument.AFTER)))
                .map(found -> found.map(MongoIssuanceQueue::read));
    }

    @Override
    public Future<Long> releaseOthers(String holder) {
        return driver.first(jobs.updateMany(and(ne("holder", null), ne("holder", holder)),
                        Updates.set("holder", null)))
                .map(r -> r.map(u -> u.getModifiedCount()).orElse(0L));
    }

    @Override
    public Future<Boolean> done(String orderId, String holder) {
        return driver.first(jobs.deleteOne(and(eq("_id", orderId), eq("holder", holder))))
                .map(r -> r.map(d -> d.getDeletedCount() == 1).orElse(false));
    }

    @Override
    public Future<Boolean> holds(String orderId) {
        return driver.first(jobs.find(eq("_id", orderId)).projection(new Document("_id", 1)).first())
                .map(Optional::isPresent);
    }

    @Override
    public Future<Long> depth() {
        return driver.first(jobs.countDocuments()).map(n -> n.orElse(0L));
    }

    private static Job read(Document d) {
        @SuppressWarnings("unchecked")
        List<String> names = (List<String>) d.get("dnsNames");
        return new Job(d.getString("_id"), d.getString("accountId"), d.getString("caProfile"),
                CertificateDocument.bytes(d, "spki"), names, Times.get(d, "queuedAt"), d.getString("holder"),
                d.getInteger("attempts", 0), organization(d.get("organization", Document.class)));
    }

    private static OrganizationSubject organization(Document o) {
        return o == null ? null
                : new OrganizationSubject(o.getString("c"), o.getString("st"), o.getString("l"), o.getString("o"));
    }
}
