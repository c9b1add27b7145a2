package dev.inkan.ra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.inkan.core.error.ErrorKind;
import dev.inkan.core.model.Account;
import dev.inkan.core.model.Authorization;
import dev.inkan.core.model.AuthorizationStatus;
import dev.inkan.core.model.Challenge;
import dev.inkan.core.model.Identifier;
import dev.inkan.core.model.Order;
import dev.inkan.core.model.OrderStatus;
import dev.inkan.core.port.RegistrationAuthority.NewOrderRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class NewOrderTest extends RaTestBase {

    @Override
    RaConfig config() {
        return RaConfig.defaults().withProfiles("dv", Map.of("dv", "dv", "shortlived", "dv-short"));
    }

    private NewOrderRequest request(Account account, String profile, String... names) {
        return new NewOrderRequest(account.id(), List.of(names).stream().map(Identifier::dns).toList(), null, null, profile);
    }

    @Test
    void testSuccess_newOrderIsPendingWithOneAuthorizationPerName() throws Exception {
        Account account = newAccount();
        Order order = newOrder(account, "www.example.com", "Example.com", "www.example.com");
        assertEquals(OrderStatus.PENDING, order.status());
        assertEquals(List.of(Identifier.dns("example.com"), Identifier.dns("www.example.com")), order.identifiers());
        assertEquals("dv", order.profile());
        assertEquals(START.plus(Duration.ofDays(7)), order.expires());
        assertEquals(2, order.authorizationIds().size());
        Authorization first = authorization(order.authorizationIds().get(0));
        assertEquals(Identifier.dns("example.com"), first.identifier());
        assertEquals(START.plus(Duration.ofDays(7)), first.expires());
        assertTrue(audit.types().contains("order.created"));
    }

    @Test
    void testSuccess_plainNameOffersHttpDnsAndTlsAlpn() throws Exception {
        Order order = newOrder(newAccount(), "example.com");
        assertEquals(List.of(Challenge.HTTP_01, Challenge.DNS_01, Challenge.TLS_ALPN_01),
                authorization(order.authorizationIds().get(0)).challenges().stream().map(Challenge::type).toList());
    }

    @Test
    void testSuccess_wildcardOffersDnsOnlyAndIsMarked() throws Exception {
        Order order = newOrder(newAccount(), "*.example.com");
        Authorization authz = authorization(order.authorizationIds().get(0));
        assertEquals(Identifier.dns("example.com"), authz.identifier());
        assertTrue(authz.wildcard());
        assertEquals(List.of(Challenge.DNS_01), authz.challenges().stream().map(Challenge::type).toList());
    }

    @Test
    void testSuccess_tokensHaveAtLeast128BitsAndDiffer() throws Exception {
        Order order = newOrder(newAccount(), "a.example.com", "b.example.com");
        Set<String> tokens = new HashSet<>();
        for (String id : order.authorizationIds()) {
            for (Challenge c : authorization(id).challenges()) {
                assertTrue(Base64.getUrlDecoder().decode(c.token()).length >= 16);
                assertTrue(c.token().matches("[A-Za-z0-9_-]+"));
                tokens.add(c.token());
            }
        }
        assertEquals(6, tokens.size()); // two names, three challenges each
    }

    @Test
    void testSuccess_identicalPendingOrderIsReturned() throws Exception {
        Account account = newAccount();
        Order first = newOrder(account, "example.com", "www.example.com");
        Order again = newOrder(account, "WWW.example.com", "example.com");
        assertEquals(first.id(), again.id());
        assertEquals(1, orders.size());
    }

    @Test
    void testSuccess_otherProfileGivesANewOrderReusingPendingAuthorizations() throws Exception {
        Account account = newAccount();
        Order dv = newOrder(account, "example.com");
        Order shortLived = await(ra.newOrder(request(account, "shortlived", "example.com")));
        assertNotEquals(dv.id(), shortLived.id());
        assertEquals("shortlived", shortLived.profile());
        assertEquals(dv.authorizationIds(), shortLived.authorizationIds());
    }

    @Test
    void testSuccess_otherAccountGetsItsOwnOrderAndAuthorizations() throws Exception {
        Order mine = newOrder(newAccount(), "example.com");
        Order theirs = newOrder(newAccount(), "example.com");
        assertNotEquals(mine.id(), theirs.id());
        assertNotEquals(mine.authorizationIds(), theirs.authorizationIds());
    }

    @Test
    void testFailure_unknownProfile() throws Exception {
        failure(ErrorKind.INVALID_PROFILE, ra.newOrder(request(newAccount(), "ev", "example.com")));
    }

    @Test
    void testFailure_notAfterIsRefused() throws Exception {
        Account account = newAccount();
        failure(ErrorKind.MALFORMED, ra.newOrder(new NewOrderRequest(account.id(), List.of(Identifier.dns("example.com")),
                null, START.plus(Duration.ofDays(30)), null)));
        assertEquals(0, orders.size());
    }

    @Test
    void testFailure_badIdentifierStoresNothing() throws Exception {
        Account account = newAccount();
        failure(ErrorKind.REJECTED_IDENTIFIER, ra.newOrder(request(account, null, "example.com", "*.com")));
        assertEquals(0, orders.size());
        assertEquals(0, authorizations.size());
    }

    @Test
    void testFailure_unknownAccount() {
        failure(ErrorKind.ACCOUNT_DOES_NOT_EXIST, ra.newOrder(new NewOrderRequest("nobody",
                List.of(Identifier.dns("example.com")), null, null, null)));
    }

    @Test
    void testSuccess_validAuthorizationInsideWindowIsReusedAndOrderIsReady() throws Exception {
        Account account = newAccount();
        Order first = newOrder(account, "example.com");
        validate(account, first);
        clock.advance(Duration.ofDays(150)); // 200-day window in 2026
        Order second = newOrder(account, "example.com", "www.example.com");
        assertEquals(first.authorizationIds().get(0), second.authorizationIds().get(0));
        assertEquals(OrderStatus.PENDING, second.status());
        Order third = newOrder(account, "example.com");
        assertEquals(OrderStatus.READY, third.status());
        assertEquals(first.authorizationIds(), third.authorizationIds());
        assertEquals(clock.instant().plus(Duration.ofDays(7)), third.expires());
    }

    @Test
    void testSuccess_orderExpiryIsCutShortByReusedAuthorization() throws Exception {
        Account account = newAccount();
        Order first = newOrder(account, "example.com");
        validate(account, first);
        clock.advance(Duration.ofDays(197));
        Order later = newOrder(account, "example.com");
        assertEquals(OrderStatus.READY, later.status());
        assertEquals(START.plus(Duration.ofDays(200)), later.expires());
    }

    @Test
    void testSuccess_validAuthorizationOutsideWindowIsNotReused() throws Exception {
        Account account = newAccount();
        Order first = newOrder(account, "example.com");
        validate(account, first);
        clock.advance(Duration.ofDays(200));
        Order later = newOrder(account, "example.com");
        assertEquals(OrderStatus.PENDING, later.status());
        assertNotEquals(first.authorizationIds(), later.authorizationIds());
        assertEquals(AuthorizationStatus.PENDING, authorization(later.authorizationIds().get(0)).status());
    }

    @Test
    void testSuccess_shorterWindowAfterMilestoneStopsReuse() throws Exception {
        clock.set(Instant.parse("2027-03-01T00:00:00Z"));
        Account account = newAccount();
        Order first = newOrder(account, "example.com");
        validate(account, first);
        String authzId = first.authorizationIds().get(0);
        assertEquals(clock.instant().plus(Duration.ofDays(200)), authorization(authzId).expires());

        clock.set(Instant.parse("2027-06-08T00:00:00Z")); // 99 days later, under the 100-day window
        Order inside = newOrder(account, "example.com");
        assertEquals(OrderStatus.READY, inside.status());
        assertEquals(List.of(authzId), inside.authorizationIds());
        assertEquals(Instant.parse("2027-06-09T00:00:00Z"), inside.expires());

        clock.set(Instant.parse("2027-06-10T00:00:00Z")); // 101 days later
        Order outside = newOrder(account, "example.com");
        assertEquals(OrderStatus.PENDING, outside.status());
        assertNotEquals(List.of(authzId), outside.authorizationIds());
    }

    @Test
    void testSuccess_wildcardDoesNotReusePlainAuthorization() throws Exception {
        Account account = newAccount();
        Order plain = newOrder(account, "example.com");
        validate(account, plain);
        Order wildcard = newOrder(account, "*.example.com");
        assertEquals(OrderStatus.PENDING, wildcard.status());
        assertTrue(authorization(wildcard.authorizationIds().get(0)).wildcard());
    }
}
