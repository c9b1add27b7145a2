package dev.inkan.ra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.inkan.core.model.Account;
import dev.inkan.core.model.Authorization;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** CP 002 §3.2.2.4 and BR 3.2.2.4: a challenge token is answerable for at most 10 days (the BR allows 30). */
class TokenLifetimeTest extends RaTestBase {

    private static RaConfig pendingFor(Duration d) {
        RaConfig c = RaConfig.defaults();
        return new RaConfig(c.orderLifetime(), d, c.defaultProfile(), c.profiles(), c.maxIdentifiersPerOrder(),
                c.challengeTypes(), c.reuseAuthorizations(), c.maxAuthorizationReuse(), c.termsOfService(),
                c.maxContacts(), c.blockedNames(), c.validationTimeout());
    }

    @Test
    void testTokenLifetime_longerThanTheCpLimitIsAConfigurationError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> pendingFor(Duration.ofDays(11)));
        assertTrue(e.getMessage().contains("at most 10 days"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> pendingFor(Duration.ofDays(31)));
        assertEquals(Duration.ofDays(10), pendingFor(Duration.ofDays(10)).pendingAuthorizationLifetime());
    }

    @Test
    void testTokenLifetime_aTokenIsNotAnswerableAfterItsLifetime() throws Exception {
        Account account = newAccount();
        Authorization authz = authorization(newOrder(account, "token.example.com").authorizationIds().get(0));
        assertFalse(authz.expires().isAfter(START.plus(RaConfig.MAX_TOKEN_LIFETIME)),
                "the token expires with its authorization at " + authz.expires());
    }
}
