package dev.inkan.ra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.inkan.core.error.CaException;
import dev.inkan.core.error.ErrorKind;
import dev.inkan.core.model.Account;
import dev.inkan.core.model.Order;
import dev.inkan.core.model.OrderStatus;
import dev.inkan.core.port.IssuanceQueue.Job;
import dev.inkan.core.port.Leases;
import dev.inkan.ra.fake.InMemoryIssuanceQueue;
import dev.inkan.ra.fake.TestKeys;
import java.security.KeyPair;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A front end queues finalized orders; the signer issues them from the queue (docs/design/signer-handover.md). */
class QueuedIssuanceTest extends RaTestBase {
    private final KeyPair certKey = TestKeys.ec("secp256r1");
    private final InMemoryIssuanceQueue queue = new InMemoryIssuanceQueue();

    /** A READY order finalized through a front end's RA: PROCESSING, with its job queued. */
    private Order queued(String name) throws Exception {
        ra.handOverIssuanceTo(queue);
        Account account = newAccount(TestKeys.freshEc());
        Order order = newOrder(account, name);
        validate(account, order);
        Order processing = await(ra.finalizeOrder(account.id(), order.id(),
                TestKeys.csr(certKey, null, List.of(name))));
        await(ra.drain());
        return processing;
    }

    private Job claim() throws Exception {
        return await(queue.claim("signer-a")).orElseThrow();
    }

    @Test
    void testFrontEnd_queuesTheFinalizedOrderAndIssuesNothing() throws Exception {
        Order processing = queued("example.com");
        assertEquals(OrderStatus.PROCESSING, order(processing.id()).status());
        assertEquals(1L, await(queue.depth()));
        assertTrue(ca.requests().isEmpty());
    }

    @Test
    void testSigner_issuesTheQueuedOrder() throws Exception {
        Order processing = queued("example.com");
        Job job = claim();
        await(ra.issueQueued(job, () -> true));
        assertEquals(OrderStatus.VALID, order(processing.id()).status());
        assertEquals(List.of("example.com"), ca.requests().get(0).dnsNames());
    }

    @Test
    void testSigner_withoutItsLeaseLeavesAFailedIssuanceToTheNextSigner() throws Exception {
        Order processing = queued("example.com");
        ca.failWith(new CaException(ErrorKind.SERVER_INTERNAL, "the precertificate was not signed"));
        Job job = claim();
        assertThrows(Leases.NotHeld.class, () -> await(ra.issueQueued(job, () -> false)));
        assertEquals(OrderStatus.PROCESSING, order(processing.id()).status());
    }

    @Test
    void testSigner_failsAnOrderWhoseIssuanceCrashesRepeatedly() throws Exception {
        Order processing = queued("example.com");
        for (int i = 0; i < 3; i++) {
            claim();
            await(queue.releaseOthers("signer-b"));
        }
        await(ra.issueQueued(claim(), () -> true));
        Order failed = order(processing.id());
        assertEquals(OrderStatus.INVALID, failed.status());
        assertEquals(ErrorKind.SERVER_INTERNAL, failed.error().kind());
        assertTrue(ca.requests().isEmpty());
    }

    @Test
    void testSignerRecovery_leavesAnOrderWhoseJobIsQueued() throws Exception {
        Order processing = queued("example.com");
        clock.advance(Duration.ofMinutes(10));
        assertEquals(0, await(ra.recoverInterruptedOrders(Duration.ofSeconds(60), queue)));
        assertEquals(OrderStatus.PROCESSING, order(processing.id()).status());
    }

    @Test
    void testSignerRecovery_failsAnOrderItsFrontEndNeverQueued() throws Exception {
        Order processing = queued("example.com");
        // the front end died after marking the order PROCESSING and before its job was written
        await(queue.done(claim().orderId(), "signer-a"));
        clock.advance(Duration.ofSeconds(61));
        assertEquals(1, await(ra.recoverInterruptedOrders(Duration.ofSeconds(60), queue)));
        Order failed = order(processing.id());
        assertEquals(OrderStatus.INVALID, failed.status());
        assertEquals(ErrorKind.SERVER_INTERNAL, failed.error().kind());
    }
}
