package dev.inkan.storage;

import static dev.inkan.storage.Await.await;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.inkan.core.port.Leases;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class LeasesTest extends EmbeddedStoreTest {
    private static final Duration TERM = Duration.ofSeconds(10);
    private final Leases leases = storage.leases();

    @Test
    void testAcquire_isExclusiveUntilTheLeaseExpires() {
        String name = newId("lease");
        assertTrue(await(leases.acquire(name, "active", T0, TERM)));
        assertFalse(await(leases.acquire(name, "standby", T0.plusSeconds(9), TERM)));
        assertTrue(await(leases.acquire(name, "standby", T0.plusSeconds(11), TERM)));
        assertFalse(await(leases.acquire(name, "active", T0.plusSeconds(12), TERM)), "a lapsed holder lost it");
    }

    @Test
    void testAcquire_renewsForItsHolder() {
        String name = newId("lease");
        assertTrue(await(leases.acquire(name, "active", T0, TERM)));
        assertTrue(await(leases.acquire(name, "active", T0.plusSeconds(8), TERM)));
        assertFalse(await(leases.acquire(name, "standby", T0.plusSeconds(12), TERM)), "renewed until +18 s");
    }

    @Test
    void testRelease_letsAStandbyTakeOverAtOnce() {
        String name = newId("lease");
        assertTrue(await(leases.acquire(name, "active", T0, TERM)));
        await(leases.release(name, "active"));
        assertTrue(await(leases.acquire(name, "standby", T0.plusSeconds(1), TERM)));
    }
}
