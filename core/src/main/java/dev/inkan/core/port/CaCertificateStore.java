package dev.inkan.core.port;

import dev.inkan.core.model.CaCertificate;
import io.vertx.core.Future;

/** The ceremony's certificates; written once each, never changed. */
public interface CaCertificateStore extends CaCertificateReader {
    /** Stores it unless a certificate with the same id exists; returns what is stored afterwards. */
    Future<CaCertificate> insertIfAbsent(CaCertificate certificate);
}
