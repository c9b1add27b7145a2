package dev.inkan.ra;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.inkan.core.error.ErrorKind;
import dev.inkan.core.model.Account;
import dev.inkan.core.model.AuthorizationStatus;
import dev.inkan.core.model.Order;
import dev.inkan.core.model.OrderStatus;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ValidationTimeoutTest extends RaTestBase {
    @Override
    RaConfig config() {
        RaConfig d = RaConfig.defaults();
        return new RaConfig(d.orderLifetime(), d.pendingAuthorizationLifetime(), d.defaultProfile(), d.profiles(),
                d.maxIdentifiersPerOrder(), d.challengeTypes(), d.reuseAuthorizations(), d.maxAuthorizationReuse(),
                d.termsOfService(), d.maxContacts(), d.blockedNames(), Duration.ofMillis(100));
    }

    @Test
    void testFailure_validatorThatNeverAnswersFailsTheChallenge() throws Exception {
        va.hold();
        Account account = newAccount();
        Order order = newOrder(account, "example.com");
        validate(account, order); // drain waits for the timeout
        assertEquals(AuthorizationStatus.INVALID, authorization(order.authorizationIds().get(0)).status());
        Order failed = order(order.id());
        assertEquals(OrderStatus.INVALID, failed.status());
        assertEquals(ErrorKind.CONNECTION, failed.error().kind());
    }
}
