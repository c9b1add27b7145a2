package dev.inkan.core.port;

import dev.inkan.core.model.CaCertificate;
import io.vertx.core.Future;
import java.util.List;
import java.util.Optional;

/** Read-only view of the ceremony's certificates. */
public interface CaCertificateReader {
    Future<Optional<CaCertificate>> byId(String id);

    Future<List<CaCertificate>> all();
}
