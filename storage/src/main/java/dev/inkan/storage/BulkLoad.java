package dev.inkan.storage;

import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.reactivestreams.client.MongoDatabase;
import dev.inkan.core.model.Account;
import dev.inkan.core.model.AuditEvent;
import dev.inkan.core.model.Authorization;
import dev.inkan.core.model.CaaCheck;
import dev.inkan.core.model.CertificateRecord;
import dev.inkan.core.model.Order;
import dev.inkan.core.model.Precertificate;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.bson.Document;

/**
 * Writes many finished issuances at once, each record in the document the store's own port writes for it
 * ({@link OrderDocument}, {@link CertificateDocument}...), one {@code insertMany} per collection and batch. For
 * filling a sandbox store to measure how the CA behaves at size (the bench's pre-fill): the ports write one
 * document per call, each durable on its own, which would take an hour for 100,000 certificates.
 */
public final class BulkLoad {
    private final Driver driver;
    private final MongoDatabase db;

    BulkLoad(Driver driver, MongoDatabase db) {
        this.driver = driver;
        this.db = db;
    }

    /** The records of finished issuances, in their final states. */
    public record Batch(List<Account> accounts, List<Authorization> authorizations, List<CaaCheck> caaChecks,
            List<Order> orders, List<CertificateRecord> certificates, List<Precertificate> precertificates,
            List<AuditEvent> audit) {}

    public Future<Void> insert(Batch batch) {
        List<Future<?>> writes = new ArrayList<>();
        writes.add(insert(AccountDocument.COLLECTION, batch.accounts(), AccountDocument::of));
        writes.add(insert(AuthorizationDocument.COLLECTION, batch.authorizations(), AuthorizationDocument::of));
        writes.add(insert(MongoCaaCheckStore.COLLECTION, batch.caaChecks(), CaaCheckDocument::of));
        writes.add(insert(OrderDocument.COLLECTION, batch.orders(), OrderDocument::of));
        writes.add(insert(CertificateDocument.COLLECTION, batch.certificates(), CertificateDocument::of));
        writes.add(insert(PrecertificateDocument.COLLECTION, batch.precertificates(), PrecertificateDocument::of));
        writes.add(insert(MongoAuditLog.COLLECTION, batch.audit(), MongoAuditLog::document));
        return Future.all(writes).mapEmpty();
    }

    private <T> Future<Void> insert(String collection, List<T> records, Function<T, Document> document) {
        if (records.isEmpty()) {
            return Future.succeededFuture();
        }
        List<Document> documents = records.stream().map(document).toList();
        return driver.write(db.getCollection(collection).insertMany(documents, new InsertManyOptions().ordered(true)),
                "a record of the batch exists already").mapEmpty();
    }
}
