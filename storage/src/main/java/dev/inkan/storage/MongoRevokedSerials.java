package dev.inkan.storage;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.gt;

import com.mongodb.client.model.Projections;
import com.mongodb.reactivestreams.client.MongoCollection;
import dev.inkan.core.model.CertificateStatus;
import dev.inkan.core.model.RevocationReason;
import dev.inkan.core.model.RevokedEntry;
import dev.inkan.core.port.RevokedSerials;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.List;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * The revoked entries of the {@code certificates} collection, read with a projection: a CRL needs a few dozen
 * bytes per entry, not the certificate and its TBS (a million entries stay tens of megabytes). Uses the
 * (issuerId, status) index.
 */
final class MongoRevokedSerials implements RevokedSerials {
    private static final Bson FIELDS = Projections.include(
            "revokedAt", "revokedAtNanos", "revocationReason", "notAfter", "notAfterNanos");

    private final Driver driver;
    private final MongoCollection<Document> certificates;

    MongoRevokedSerials(Driver driver, MongoCollection<Document> certificates) {
        this.driver = driver;
        this.certificates = certificates;
    }

    @Override
    public Future<List<RevokedEntry>> revokedExpiringAfter(String issuerId, Instant expiringAfter) {
        Bson filter = and(
                eq("issuerId", issuerId),
                eq("status", CertificateStatus.REVOKED.name()),
                gt("notAfter", Times.date(expiringAfter)));
        return driver.all(certificates.find(filter).projection(FIELDS))
                .map(documents -> documents.stream().map(MongoRevokedSerials::entry).toList());
    }

    private static RevokedEntry entry(Document d) {
        String reason = d.getString("revocationReason");
        return new RevokedEntry(d.getString("_id"), Times.get(d, "revokedAt"),
                reason == null ? RevocationReason.UNSPECIFIED : RevocationReason.valueOf(reason),
                Times.get(d, "notAfter"));
    }
}
