package dev.inkan.ra;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.inkan.core.error.ErrorKind;
import dev.inkan.core.error.Problem;
import dev.inkan.core.model.Account;
import dev.inkan.core.model.Challenge;
import dev.inkan.core.model.ChallengeStatus;
import dev.inkan.core.model.Order;
import dev.inkan.core.model.OrderStatus;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * An order whose authorizations changed while the process that changed them died before moving the order
 * (a killed front end) is moved when its client polls it (RFC 8555 §7.1.6).
 */
class RefreshOrderTest extends RaTestBase {

    /** The authorization's outcome recorded as a validating process does, without the order's move after it. */
    private void recordedWithoutMovingTheOrder(Order order, ChallengeStatus outcome, Problem error) throws Exception {
        for (String id : order.authorizationIds()) {
            Challenge c = authorization(id).challenges().get(0);
            await(authorizations.startChallenge(id, c.id(), START.plusSeconds(105)));
            await(authorizations.finishChallenge(id, c.id(), outcome, error, List.of(), START,
                    START.plusSeconds(86_400)));
        }
    }

    @Test
    void testPendingOrderWhoseAuthorizationsAreAllValidBecomesReady() throws Exception {
        Account account = newAccount();
        Order order = newOrder(account, "a.example.com", "b.example.com");
        recordedWithoutMovingTheOrder(order, ChallengeStatus.VALID, null);
        assertEquals(OrderStatus.PENDING, order(order.id()).status());

        assertEquals(OrderStatus.READY, await(ra.refreshOrder(order(order.id()))).status());
        assertEquals(OrderStatus.READY, order(order.id()).status());
    }

    @Test
    void testPendingOrderWithAFailedAuthorizationBecomesInvalidWithItsProblem() throws Exception {
        Account account = newAccount();
        Order order = newOrder(account, "c.example.com");
        recordedWithoutMovingTheOrder(order, ChallengeStatus.INVALID,
                Problem.of(ErrorKind.INCORRECT_RESPONSE, "the token was not served"));

        Order refreshed = await(ra.refreshOrder(order(order.id())));
        assertEquals(OrderStatus.INVALID, refreshed.status());
        assertEquals(ErrorKind.INCORRECT_RESPONSE, refreshed.error().kind());
    }

    @Test
    void testPendingOrderStillValidatingStaysPending() throws Exception {
        Account account = newAccount();
        Order order = newOrder(account, "d.example.com");

        assertEquals(OrderStatus.PENDING, await(ra.refreshOrder(order)).status());
    }
}
