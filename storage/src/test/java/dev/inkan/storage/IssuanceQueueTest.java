package dev.inkan.storage;

import static dev.inkan.storage.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.inkan.core.error.CaException;
import dev.inkan.core.error.ErrorKind;
import dev.inkan.core.port.IssuanceQueue;
import dev.inkan.core.port.IssuanceQueue.Job;
import dev.inkan.core.vetting.OrganizationSubject;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class IssuanceQueueTest extends EmbeddedStoreTest {
    private final IssuanceQueue queue = storage.issuanceQueue();

    private Job job(String orderId) {
        return new Job(orderId, "acct", "dv", new byte[] {1, 2}, List.of("a.example"), T0, null, 0);
    }

    /** Empties the shared queue so each test sees only its own jobs. */
    private void drain() {
        await(queue.releaseOthers("drain"));
        Optional<Job> j;
        while ((j = await(queue.claim("drain"))).isPresent()) {
            await(queue.done(j.get().orderId(), "drain"));
        }
    }

    @Test
    void testClaim_givesAJobToOneHolderOnly() {
        drain();
        String id = newId("order");
        await(queue.enqueue(job(id)));
        Job first = await(queue.claim("signer-a")).orElseThrow();
        assertEquals(id, first.orderId());
        assertEquals("signer-a", first.holder());
        assertEquals(1, first.attempts());
        assertTrue(await(queue.claim("signer-b")).isEmpty());
    }

    @Test
    void testHolds_anOrderFromEnqueueToDone() {
        drain();
        String id = newId("order");
        assertFalse(await(queue.holds(id)));
        await(queue.enqueue(job(id)));
        assertTrue(await(queue.holds(id)));
        await(queue.claim("signer-a"));
        assertTrue(await(queue.holds(id)));
        await(queue.done(id, "signer-a"));
        assertFalse(await(queue.holds(id)));
    }

    @Test
    void testEnqueue_refusesAnOrderQueuedTwice() {
        String id = newId("order");
        await(queue.enqueue(job(id)));
        Throwable t = Await.failure(queue.enqueue(job(id)));
        assertEquals(ErrorKind.CONFLICT, ((CaException) t).kind());
    }

    @Test
    void testReleaseOthers_putsBackWhatADeadHolderHadClaimed() {
        drain();
        String id = newId("order");
        await(queue.enqueue(job(id)));
        await(queue.claim("dead-signer")).orElseThrow();
        assertEquals(1L, await(queue.releaseOthers("standby")));
        Job again = await(queue.claim("standby")).orElseThrow();
        assertEquals(id, again.orderId());
        assertEquals(2, again.attempts());
        assertFalse(await(queue.done(id, "dead-signer")), "only the holder removes a job");
        assertTrue(await(queue.done(id, "standby")));
    }

    @Test
    void testClaim_keepsTheOrganizationTheRaChecked() {
        drain();
        String id = newId("order");
        OrganizationSubject org = new OrganizationSubject("JP", "東京都", "千代田区", "印鑑株式会社");
        await(queue.enqueue(new Job(id, "acct", "ov", new byte[] {1, 2}, List.of("a.example"), T0, null, 0, org)));

        assertEquals(org, await(queue.claim("signer-a")).orElseThrow().organization());
        await(queue.done(id, "signer-a"));
    }
}
