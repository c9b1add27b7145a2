package dev.inkan.ra;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.inkan.core.model.Account;
import dev.inkan.core.model.Order;
import dev.inkan.core.model.OrderStatus;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class CappedReuseTest extends RaTestBase {
    @Override
    RaConfig config() {
        return RaConfig.defaults().withReuseAuthorizations(true, Duration.ofDays(30));
    }

    @Test
    void testSuccess_operatorCapShortensValidAuthorizations() throws Exception {
        Account account = newAccount();
        Order first = newOrder(account, "example.com");
        validate(account, first);
        assertEquals(START.plus(Duration.ofDays(30)), authorization(first.authorizationIds().get(0)).expires());
        clock.advance(Duration.ofDays(29));
        assertEquals(OrderStatus.READY, newOrder(account, "example.com").status());
        clock.advance(Duration.ofDays(1));
        assertEquals(OrderStatus.PENDING, newOrder(account, "example.com").status());
    }
}
