package dev.inkan.ca;

import dev.inkan.core.model.CaCertificate;
import dev.inkan.core.port.CaCertificateStore;
import io.vertx.core.Future;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The CaCertificateStore contract in a map. */
public final class InMemoryCaCertificateStore implements CaCertificateStore {
    private final Map<String, CaCertificate> byId = new ConcurrentHashMap<>();

    @Override
    public Future<CaCertificate> insertIfAbsent(CaCertificate certificate) {
        return Future.succeededFuture(byId.computeIfAbsent(certificate.id(), id -> certificate));
    }

    @Override
    public Future<Optional<CaCertificate>> byId(String id) {
        return Future.succeededFuture(Optional.ofNullable(byId.get(id)));
    }

    @Override
    public Future<List<CaCertificate>> all() {
        return Future.succeededFuture(List.copyOf(byId.values()));
    }
}
