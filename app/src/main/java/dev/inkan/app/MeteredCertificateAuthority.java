package dev.inkan.app;

import dev.inkan.core.error.CaException;
import dev.inkan.core.error.ErrorKind;
import dev.inkan.core.model.CertificateRecord;
import dev.inkan.core.port.CertificateAuthority;
import dev.inkan.core.port.Metrics;
import io.vertx.core.Future;
import java.time.Duration;

/** Times each issuance and counts it by profile and outcome. */
final class MeteredCertificateAuthority implements CertificateAuthority {
    private final CertificateAuthority ca;
    private final Metrics metrics;

    MeteredCertificateAuthority(CertificateAuthority ca, Metrics metrics) {
        this.ca = ca;
        this.metrics = metrics;
    }

    @Override
    public Future<CertificateRecord> issue(IssuanceRequest request) {
        long started = System.nanoTime();
        Future<CertificateRecord> issued;
        try {
            issued = ca.issue(request);
        } catch (RuntimeException e) {
            issued = Future.failedFuture(e);
        }
        return issued.onComplete(ar -> metrics.issuance(request.profile(), outcome(ar.cause()),
                Duration.ofNanos(System.nanoTime() - started)));
    }

    /** refused: the request broke a rule (a lint, a key check); failed: the CA could not do its part. */
    static String outcome(Throwable t) {
        if (t == null) {
            return "issued";
        }
        return t instanceof CaException e && e.kind() != ErrorKind.SERVER_INTERNAL ? "refused" : "failed";
    }
}
