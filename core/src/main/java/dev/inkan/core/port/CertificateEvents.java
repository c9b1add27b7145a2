package dev.inkan.core.port;

import dev.inkan.core.model.CertificateRecord;
import io.vertx.core.Future;

/**
 * Told after a certificate's state changed in the store, so that status services and subscriber notices follow
 * at once. Listeners never throw and never fail their future: the change has happened whatever they do.
 */
public interface CertificateEvents {
    CertificateEvents NONE = new CertificateEvents() {};

    /** The final certificate is ISSUED in the store. */
    default void issued(CertificateRecord certificate) {}

    /**
     * The certificate is REVOKED in the store. The future completes once relying parties can see it (a new CRL,
     * the OCSP answer signed again), so that whoever revoked can be told it is published.
     */
    default Future<Void> revoked(CertificateRecord certificate) {
        return Future.succeededFuture();
    }
}
