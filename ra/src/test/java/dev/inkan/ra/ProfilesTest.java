package dev.inkan.ra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.inkan.core.error.ErrorKind;
import dev.inkan.core.model.Account;
import dev.inkan.core.model.Authorization;
import dev.inkan.core.model.Identifier;
import dev.inkan.core.model.Order;
import dev.inkan.core.port.RegistrationAuthority.NewOrderRequest;
import dev.inkan.ra.fake.TestKeys;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** draft-ietf-acme-profiles: offered profiles, their descriptions, and the lifetimes they set. */
class ProfilesTest extends RaTestBase {
    @Override
    RaConfig config() {
        Map<String, String> profiles = new LinkedHashMap<>();
        profiles.put("dv", "dv");
        profiles.put("shortlived", "shortlived");
        return RaConfig.defaults().withProfiles("dv", profiles);
    }

    private Order order(Account account, String profile, String name) throws Exception {
        return await(ra.newOrder(new NewOrderRequest(account.id(), List.of(Identifier.dns(name)), null, null, profile)));
    }

    @Test
    void testSuccess_offeredProfilesAreDescribedInTheirOrder() {
        Map<String, String> offered = ra.profiles();
        assertEquals(List.of("dv", "shortlived"), List.copyOf(offered.keySet()));
        assertTrue(offered.get("shortlived").contains("7 days"), offered.get("shortlived"));
    }

    @Test
    void testSuccess_anOrderWithoutProfileGetsTheDefaultAndNamedOnesAreKept() throws Exception {
        Account a = newAccount();
        assertEquals("dv", order(a, null, "p1.example.com").profile());
        assertEquals("shortlived", order(a, "shortlived", "p2.example.com").profile());
    }

    @Test
    void testFailure_anUnofferedProfileIsInvalidProfile() throws Exception {
        Account a = newAccount();
        failure(ErrorKind.INVALID_PROFILE, ra.newOrder(new NewOrderRequest(a.id(),
                List.of(Identifier.dns("p3.example.com")), null, null, "ov")));
    }

    @Test
    void testSuccess_shortlivedAuthorizationsWaitSevenHours() throws Exception {
        Account a = newAccount();
        Order o = order(a, "shortlived", "p4.example.com");
        Authorization authz = authorization(o.authorizationIds().get(0));
        assertEquals(START.plus(Duration.ofHours(7)), authz.expires());
        assertEquals(START.plus(Duration.ofHours(7)), o.expires());
    }

    @Test
    void testSuccess_shortlivedDoesNotReuseAValidationOlderThanSevenHours() throws Exception {
        Account a = newAccount();
        Order dv = order(a, "dv", "p5.example.com");
        validate(a, dv);
        clock.advance(Duration.ofHours(8));

        Order dvAgain = order(a, "dv", "p5.example.com");
        Order shortlived = order(a, "shortlived", "p5.example.com");

        assertEquals(dv.authorizationIds(), dvAgain.authorizationIds());
        assertTrue(!shortlived.authorizationIds().equals(dv.authorizationIds()));
        assertEquals("pending", authorization(shortlived.authorizationIds().get(0)).status().wire());
    }

    @Test
    void testSuccess_theCaProfileOfTheOrderIsWhatTheCaIsAskedFor() throws Exception {
        Account a = newAccount();
        Order o = order(a, "shortlived", "p6.example.com");
        validate(a, o);
        await(ra.finalizeOrder(a.id(), o.id(), TestKeys.csr(TestKeys.ec("secp256r1"), null, List.of("p6.example.com"))));
        await(ra.drain());
        assertEquals("shortlived", ca.requests().get(0).profile());
    }
}
