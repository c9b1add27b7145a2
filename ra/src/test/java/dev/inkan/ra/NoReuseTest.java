package dev.inkan.ra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.inkan.core.model.Account;
import dev.inkan.core.model.Order;
import dev.inkan.core.model.OrderStatus;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class NoReuseTest extends RaTestBase {
    @Override
    RaConfig config() {
        return RaConfig.defaults().withReuseAuthorizations(false, null);
    }

    @Test
    void testSuccess_reuseOffCreatesNewAuthorizations() throws Exception {
        Account account = newAccount();
        Order first = newOrder(account, "example.com");
        validate(account, first);
        Order second = newOrder(account, "example.com", "www.example.com");
        assertEquals(OrderStatus.PENDING, second.status());
        assertNotEquals(first.authorizationIds().get(0), second.authorizationIds().get(0));
    }
}
