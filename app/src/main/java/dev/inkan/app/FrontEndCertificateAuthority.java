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

    /**
     * What a front end does on issuance and revocation: issuance happens in the signer, which pre-signs the OCSP
     * answer and sends the notice; a revocation recorded here is logged and told to this front end's order API, so
     * that an API order follows at once (the API's sweep catches what other processes record).
     */
    static final class Events implements CertificateEvents {
        private volatile CertificateEvents also;

        void alsoTell(CertificateEvents listener) {
            also = listener;
        }

        @Override
        public void issued(CertificateRecord certificate) {
            CertificateEvents listener = also;
            if (listener != null) {
                listener.issued(certificate);
            }
        }

        @Override
        public Future<Void> revoked(CertificateRecord certificate) {
            LOG.info("revocation of {} recorded; the signer publishes its CRL and OCSP answer at its next poll",
                    certificate.serial());
            CertificateEvents listener = also;
            return listener == null ? Future.succeededFuture() : listener.revoked(certificate);
        }
    }

    private FrontEndCertificateAuthority() {}

    @Override
    public Future<CertificateRecord> issue(IssuanceRequest request) {
        return Future.failedFuture(new CaException(ErrorKind.SERVER_INTERNAL,
                "a front end does not sign; order " + request.orderId() + " should have been queued for the signer"));
    }
}
