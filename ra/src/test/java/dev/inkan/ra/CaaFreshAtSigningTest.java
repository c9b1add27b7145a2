package dev.inkan.ra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.inkan.core.error.ErrorKind;
import dev.inkan.core.model.Account;
import dev.inkan.core.model.CaaCheck;
import dev.inkan.core.model.Order;
import dev.inkan.core.model.OrderStatus;
import dev.inkan.ra.fake.TestKeys;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 14 finding 8 (BR 3.2.2.8): the max(TTL, 8 h) CAA window is measured to the moment the HSM signs, not to
 * finalize. A pipeline slow enough to cross it (a long CT round) gets CAA checked again before the signature.
 */
class CaaFreshAtSigningTest extends RaTestBase {
    private Order finalizedAndHeld(String name) throws Exception {
        Account account = newAccount();
        Order order = newOrder(account, name);
        validate(account, order);
        ca.hold();
        // finalize 7 h after the validation's CAA check: still fresh, so finalize asks nothing
        clock.advance(Duration.ofHours(7));
        await(ra.finalizeOrder(account.id(), order.id(), TestKeys.csr(TestKeys.ec("secp256r1"), null, List.of(name))));
        assertEquals(1, caaChecker.requests().size(), "only the validation's check so far");
        return order;
    }

    @Test
    void testFailure_aPipelineThatCrossesTheWindowIsRefusedWhenCaaChangedMeanwhile() throws Exception {
        Order order = finalizedAndHeld("slow.example.com");
        clock.advance(Duration.ofHours(2));
        caaChecker.refuse("slow.example.com", "CAA record for slow.example.com prevents issuance: 0 issue \"other\"");

        ca.release();
        await(ra.drain());

        Order failed = order(order.id());
        assertEquals(OrderStatus.INVALID, failed.status());
        assertEquals(ErrorKind.CAA, failed.error().kind());
        assertEquals(2, caaChecker.requests().size(), "checked again at signing");
        CaaCheck last = caaChecks.all().get(caaChecks.all().size() - 1);
        assertEquals(CaaCheck.AT_SIGNING, last.trigger());
        assertTrue(certificates.all().isEmpty(), "nothing was signed");
    }

    @Test
    void testSuccess_aPipelineThatCrossesTheWindowIsRecheckedAndIssues() throws Exception {
        Order order = finalizedAndHeld("slow2.example.com");
        clock.advance(Duration.ofHours(2));

        ca.release();
        await(ra.drain());

        assertEquals(OrderStatus.VALID, order(order.id()).status());
        assertEquals(2, caaChecker.requests().size());
    }

    @Test
    void testSuccess_aPipelineInsideTheWindowAsksNothingMore() throws Exception {
        Order order = finalizedAndHeld("fast.example.com");
        clock.advance(Duration.ofMinutes(30));

        ca.release();
        await(ra.drain());

        assertEquals(OrderStatus.VALID, order(order.id()).status());
        assertEquals(1, caaChecker.requests().size());
    }
}
