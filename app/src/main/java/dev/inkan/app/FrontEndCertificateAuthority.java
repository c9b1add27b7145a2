package dev.inkan.app;

import dev.inkan.core.error.CaException;
import dev.inkan.core.error.ErrorKind;
import dev.inkan.core.model.CertificateRecord;
import dev.inkan.core.port.CertificateAuthority;
import dev.inkan.core.port.CertificateEvents;
import io.vertx.core.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a front end has in place of the CA: nothing that signs. Its RA hands finalized orders to the issuance queue,
 * so {@link #issue} is never reached; if a wiring mistake ever reached it, the order fails with serverInternal
 * instead of waiting forever. A revocation recorded here is published by the signer, whose CRL poll
 * ({@code revocation.crlPollSeconds}) finds it, publishes the CRL and re-signs the OCSP answer.
 */
final class FrontEndCertificateAuthority implements CertificateAuthority {
    private static final Logger LOG = LoggerFactory.getLogger(FrontEndCertificateAuthority.class);
    static final FrontEndCertificateAuthority INSTANCE = new FrontEndCertificateAuthority();

    static final CertificateEvents EVENTS = new CertificateEvents() {
        @Override
        public void issued(CertificateRecord certificate) {
            // issuance happens in the signer, which pre-signs the OCSP answer and sends the notice
        }

        @Override
        public Future<Void> revoked(CertificateRecord certificate) {
            LOG.info("revocation of {} recorded; the signer publishes its CRL and OCSP answer at its next poll",
                    certificate.serial());
            return Future.succeededFuture();
        }
    };

    private FrontEndCertificateAuthority() {}

    @Override
    public Future<CertificateRecord> issue(IssuanceRequest request) {
        return Future.failedFuture(new CaException(ErrorKind.SERVER_INTERNAL,
                "a front end does not sign; order " + request.orderId() + " should have been queued for the signer"));
    }
}
