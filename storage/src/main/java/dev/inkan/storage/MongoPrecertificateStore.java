package dev.inkan.storage;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Filters.lt;

import com.mongodb.client.model.Sorts;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import dev.inkan.core.model.Precertificate;
import dev.inkan.core.model.PrecertificateStage;
import dev.inkan.core.port.PrecertificateStore;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.types.Binary;

/**
 * The stage of each serial's issuance, one document per serial. Every transition is one conditional
 * findOneAndUpdate on the expected stage (the field is called {@code status} so {@link Conditional} applies), so
 * two callers can never both move a serial on: that is what keeps a serial to one final certificate.
 */
final class MongoPrecertificateStore implements PrecertificateStore {
    private static final String DUPLICATE = "this serial already has a precertificate";

    private final Driver driver;
    private final MongoCollection<Document> precertificates;

    private MongoPrecertificateStore(Driver driver, MongoCollection<Document> precertificates) {
        this.driver = driver;
        this.precertificates = precertificates;
    }

    static MongoPrecertificateStore open(Driver driver, MongoDatabase db) {
        // its indexes are created with every other one at open (Indexes)
        return new MongoPrecertificateStore(driver, db.getCollection(PrecertificateDocument.COLLECTION));
    }

    @Override
    public Future<Precertificate> insert(Precertificate recorded) {
        if (recorded.stage() != PrecertificateStage.TBS_RECORDED) {
            return Future.failedFuture(new IllegalArgumentException("a precertificate is recorded TBS_RECORDED"));
        }
        // The acknowledged insert is the record that must exist before the HSM signs (DESIGN: issuance step 3).
        return driver.write(precertificates.insertOne(PrecertificateDocument.of(recorded)), DUPLICATE)
                .map(ignored -> recorded);
    }

    @Override
    public Future<Optional<Precertificate>> bySerial(String serial) {
        return driver.first(precertificates.find(eq("_id", serial)).first())
                .map(d -> d.map(PrecertificateDocument::read));
    }

    @Override
    public Future<List<Precertificate>> byOrder(String orderId) {
        return driver.all(precertificates.find(eq("orderId", orderId)).sort(Sorts.ascending("createdAt")))
                .map(documents -> documents.stream().map(PrecertificateDocument::read).toList());
    }

    @Override
    public Future<Optional<Precertificate>> markSigned(String serial, byte[] precertDer, Instant at) {
        Document set = new Document("precertDer", new Binary(Objects.requireNonNull(precertDer, "precertDer")));
        return move(serial, List.of(PrecertificateStage.TBS_RECORDED), PrecertificateStage.SIGNED, set, at);
    }

    @Override
    public Future<Optional<Precertificate>> recordFinalIntent(
            String serial, List<byte[]> scts, byte[] finalTbsDer, Instant at) {
        Document set = new Document("scts", scts.stream().map(Binary::new).toList())
                .append("finalTbsDer", new Binary(Objects.requireNonNull(finalTbsDer, "finalTbsDer")));
        return move(serial, List.of(PrecertificateStage.SIGNED), PrecertificateStage.FINAL_INTENDED, set, at);
    }

    @Override
    public Future<Optional<Precertificate>> markFinalIssued(String serial, Instant at) {
        return move(serial, List.of(PrecertificateStage.FINAL_INTENDED), PrecertificateStage.FINAL_ISSUED,
                new Document(), at);
    }

    @Override
    public Future<Optional<Precertificate>> abandon(String serial, String reason, Instant at) {
        return move(serial, List.of(PrecertificateStage.TBS_RECORDED, PrecertificateStage.SIGNED),
                PrecertificateStage.ABANDONED, new Document("error", reason), at);
    }

    @Override
    public Future<Optional<Precertificate>> markInterrupted(String serial, Instant at) {
        return move(serial, List.of(PrecertificateStage.FINAL_INTENDED), PrecertificateStage.INTERRUPTED,
                new Document(), at);
    }

    @Override
    public Future<List<Precertificate>> unfinishedSince(Instant updatedBefore) {
        Bson filter = and(in("status", PrecertificateStage.TBS_RECORDED.name(), PrecertificateStage.SIGNED.name(),
                PrecertificateStage.FINAL_INTENDED.name()), lt("updatedAt", Times.date(updatedBefore)));
        return driver.all(precertificates.find(filter).sort(Sorts.ascending("updatedAt")))
                .map(documents -> documents.stream().map(PrecertificateDocument::read).toList());
    }

    private Future<Optional<Precertificate>> move(String serial, List<PrecertificateStage> from,
            PrecertificateStage to, Document set, Instant at) {
        Bson expected = and(eq("_id", serial), in("status", from.stream().map(Enum::name).toList()));
        set.append("status", to.name());
        Times.put(set, "updatedAt", at);
        return Conditional.update(driver, precertificates, expected, new Document("$set", set), DUPLICATE,
                PrecertificateDocument::read);
    }
}
