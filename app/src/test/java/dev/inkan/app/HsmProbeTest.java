package dev.inkan.app;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.inkan.ca.ocsp.OcspResponder;
import dev.inkan.ca.ocsp.OcspSchedule;
import dev.inkan.core.model.CaCertificate;
import dev.inkan.core.time.MutableClock;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The signer's readiness probe signs with the OCSP responder key in use, which a rotation changes. */
@Timeout(60)
class HsmProbeTest {
    private static final Instant NOW = Instant.parse("2026-12-01T00:00:00Z");
    private final MutableClock clock = new MutableClock(NOW);
    private final SoftwareHierarchy keys = new SoftwareHierarchy(NOW);
    private final Vertx vertx = Vertx.vertx();
    private final OcspResponder ocsp = new OcspResponder(vertx, keys, keys.certificates,
            serial -> Future.succeededFuture(Optional.empty()), OcspSchedule.defaults(), clock);

    @AfterEach
    void stop() throws Exception {
        await(vertx.close());
    }

    private static <T> T await(Future<T> f) throws Exception {
        return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    private HsmProbe probe() {
        return HsmProbe.ofResponder(vertx, keys, () -> ocsp, "dv", "ocsp-dv", clock);
    }

    @Test
    void testProbe_isReadyWithTheCeremonysResponder() throws Exception {
        assertTrue(await(probe().usable()));
    }

    @Test
    void testProbe_signsWithTheRotatedResponderOnceTheRetiredKeyIsGone() throws Exception {
        HsmProbe probe = probe();
        CaCertificate next = keys.newResponder("ocsp-dv-2", NOW);
        await(ocsp.useResponder(keys.certificates.get(0), next));
        keys.destroy("ocsp-dv");
        assertTrue(await(probe.usable()), "the probe used the retired responder's key");
    }

    @Test
    void testProbe_isNotReadyWhenTheKeyInUseCannotSign() throws Exception {
        HsmProbe probe = probe();
        keys.destroy("ocsp-dv");
        assertFalse(await(probe.usable()));
        clock.advance(Duration.ofSeconds(6)); // past the probe's freshness: the next call signs again
        CaCertificate next = keys.newResponder("ocsp-dv-2", NOW);
        await(ocsp.useResponder(keys.certificates.get(0), next));
        assertTrue(await(probe.usable()));
    }
}
