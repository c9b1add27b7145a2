package dev.inkan.storage;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.model.Sorts;
import com.mongodb.reactivestreams.client.MongoCollection;
import dev.inkan.core.error.CaException;
import dev.inkan.core.error.ErrorKind;
import dev.inkan.core.model.CaCertificate;
import dev.inkan.core.port.CaCertificateStore;
import io.vertx.core.Future;
import java.util.List;
import java.util.Optional;
import org.bson.Document;

final class MongoCaCertificateStore implements CaCertificateStore {
    private final Driver driver;
    private final MongoCollection<Document> caCertificates;

    MongoCaCertificateStore(Driver driver, MongoCollection<Document> caCertificates) {
        this.driver = driver;
        this.caCertificates = caCertificates;
    }

    @Override
    public Future<Optional<CaCertificate>> byId(String id) {
        return driver.first(caCertificates.find(eq("_id", id)).first()).map(d -> d.map(CaCertificateDocument::read));
    }

    @Override
    public Future<List<CaCertificate>> all() {
        return driver.all(caCertificates.find().sort(Sorts.ascending("_id")))
                .map(documents -> documents.stream().map(CaCertificateDocument::read).toList());
    }

    @Override
    public Future<CaCertificate> insertIfAbsent(CaCertificate certificate) {
        // Insert, and when another ceremony run got there first, keep what it stored: first writer wins.
        return InsertIfAbsent.insert(driver, caCertificates, CaCertificateDocument.of(certificate))
                .compose(ignored -> byId(certificate.id()))
                .map(stored -> stored.orElseThrow(() -> new CaException(
                        ErrorKind.SERVER_INTERNAL, "CA certificate " + certificate.id() + " vanished after insert")));
    }
}
