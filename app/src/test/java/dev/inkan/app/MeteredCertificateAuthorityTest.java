package dev.inkan.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.inkan.core.error.CaException;
import dev.inkan.core.error.ErrorKind;
import dev.inkan.core.port.CertificateAuthority.IssuanceRequest;
import io.vertx.core.Future;
import java.util.List;
import org.junit.jupiter.api.Test;

class MeteredCertificateAuthorityTest {
    private static final IssuanceRequest REQUEST =
            new IssuanceRequest("o1", "a1", "dv", new byte[] {1}, List.of("example.com"));

    @Test
    void testCounts_aRuleRefusalAsRefusedAndACaFaultAsFailed() {
        PrometheusMetrics metrics = new PrometheusMetrics();
        new MeteredCertificateAuthority(r -> Future.failedFuture(
                new CaException(ErrorKind.BAD_CSR, "lint")), metrics).issue(REQUEST);
        new MeteredCertificateAuthority(r -> Future.failedFuture(
                new CaException(ErrorKind.SERVER_INTERNAL, "hsm")), metrics).issue(REQUEST);
        new MeteredCertificateAuthority(r -> {
            throw new IllegalStateException("bug");
        }, metrics).issue(REQUEST);
        assertEquals(1, metrics.registry().get("inkan.issuance").tag("outcome", "refused").timer().count());
        assertEquals(2, metrics.registry().get("inkan.issuance").tag("outcome", "failed").timer().count());
    }
}
