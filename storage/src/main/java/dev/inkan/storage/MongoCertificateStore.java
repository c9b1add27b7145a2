package dev.inkan.storage;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.gt;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Filters.lt;

import com.mongodb.client.model.Sorts;
import com.mongodb.reactivestreams.client.MongoCollection;
import dev.inkan.core.model.CertificateRecord;
import dev.inkan.core.model.CertificateStatus;
import dev.inkan.core.model.RevocationReason;
import dev.inkan.core.port.CertificateStore;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.bson.Document;
import org.bson.conversions.Bson;

final class MongoCertificateStore implements CertificateStore {
    private static final String DUPLICATE_SERIAL = "this serial number is already recorded";

    private final Driver driver;
    private final MongoCollection<Document> certificates;

    MongoCertificateStore(Driver driver, MongoCollection<Document> certificates) {
        this.driver = driver;
        this.certificates = certificates;
    }

    @Override
    public Future<Optional<CertificateRecord>> bySerial(String serial) {
        return driver.first(certificates.find(eq("_id", serial)).first()).map(d -> d.map(CertificateDocument::read));
    }

    @Override
    public Future<CertificateRecord> reserve(CertificateRecord reserved) {
        if (reserved.status() != CertificateStatus.RESERVED) {
            return Future.failedFuture(new IllegalArgumentException("a serial is reserved RESERVED, not " + reserved.status()));
        }
        // The acknowledged insert is the record that must exist before any key signs (DESIGN: issuance step 3).
        return driver.write(certificates.insertOne(CertificateDocument.of(reserved)), DUPLICATE_SERIAL)
                .map(ignored -> reserved);
    }

    @Override
    public Future<Optional<CertificateRecord>> markPrecertified(String serial, byte[] precertificateDer) {
        Document set = new Document("status", CertificateStatus.PRECERTIFIED.name()).append("precertificateDer",
                CertificateDocument.binary(Objects.requireNonNull(precertificateDer, "precertificateDer")));
        return update(serial, CertificateStatus.RESERVED, set);
    }

    @Override
    public Future<Optional<CertificateRecord>> markIssued(String serial, byte[] der) {
        Document set = new Document("status", CertificateStatus.ISSUED.name())
                .append("der", CertificateDocument.binary(Objects.requireNonNull(der, "der")));
        return update(serial, set, CertificateStatus.RESERVED, CertificateStatus.PRECERTIFIED);
    }

    @Override
    public Future<Optional<CertificateRecord>> markFailed(String serial) {
        return update(serial, CertificateStatus.RESERVED, new Document("status", CertificateStatus.FAILED.name()));
    }

    @Override
    public Future<Optional<CertificateRecord>> revoke(String serial, RevocationReason reason, Instant at) {
        Document set = new Document("status", CertificateStatus.REVOKED.name())
                .append("revocationReason", Objects.requireNonNull(reason, "reason").name());
        // BR 7.1.2.9: a serial whose precertificate was signed is revocable whether or not its final certificate was
        return update(serial, Times.put(set, "revokedAt", at), CertificateStatus.ISSUED, CertificateStatus.PRECERTIFIED);
    }

    @Override
    public Future<List<CertificateRecord>> revokedUnexpired(String issuerId, Instant now) {
        Bson filter = and(
                eq("issuerId", issuerId),
                eq("status", CertificateStatus.REVOKED.name()),
                gt("notAfter", Times.date(now)));
        return driver.all(certificates.find(filter).sort(Sorts.ascending("_id")))
                .map(documents -> documents.stream().map(CertificateDocument::read).toList());
    }

    @Override
    public Future<List<CertificateRecord>> reservedSince(Instant createdBefore) {
        Bson filter = and(eq("status", CertificateStatus.RESERVED.name()), lt("createdAt", Times.date(createdBefore)));
        return driver.all(certificates.find(filter).sort(Sorts.ascending("createdAt")))
                .map(documents -> documents.stream().map(CertificateDocument::read).toList());
    }

    private Future<Optional<CertificateRecord>> update(String serial, CertificateStatus from, Document set) {
        return update(serial, set, from);
    }

    private Future<Optional<CertificateRecord>> update(String serial, Document set, CertificateStatus... from) {
        return Conditional.update(
                driver,
                certificates,
                and(eq("_id", serial), in("status", java.util.Arrays.stream(from).map(Enum::name).toList())),
                new Document("$set", set),
                DUPLICATE_SERIAL,
                CertificateDocument::read);
    }
}
