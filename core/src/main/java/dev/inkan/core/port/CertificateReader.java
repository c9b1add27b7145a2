package dev.inkan.core.port;

import dev.inkan.core.model.CertificateRecord;
import io.vertx.core.Future;
import java.util.Optional;

/** Read-only view of certificates by serial, for the front ends and status services. */
public interface CertificateReader {
    /** @param serial lowercase hex without leading zeros */
    Future<Optional<CertificateRecord>> bySerial(String serial);
}
