package dev.inkan.ra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.inkan.core.error.CaException;
import dev.inkan.core.error.ErrorKind;
import dev.inkan.core.model.Account;
import dev.inkan.core.model.Authorization;
import dev.inkan.core.model.AuthorizationStatus;
import dev.inkan.core.model.CaaCheck;
import dev.inkan.core.model.ChallengeStatus;
import dev.inkan.core.model.Identifier;
import dev.inkan.core.model.Order;
import dev.inkan.core.model.OrderStatus;
import dev.inkan.core.port.CaaChecker.CaaRequest;
import dev.inkan.ra.fake.TestKeys;
import dev.inkan.ra.op.CaaCheckpoint;
import java.security.KeyPair;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** CAA at validation and the BR 3.2.2.8 recheck at finalize, on both sides of max(TTL, 8 hours). */
class CaaCheckpointTest extends RaTestBase {
    private final KeyPair certKey = TestKeys.ec("secp256r1");
    private Account account;

    private Order validated(String... names) throws Exception {
        account = newAccount();
        Order order = newOrder(account, names);
        validate(account, order);
        return order(order.id());
    }

    private Order finalizeNow(Order order, String... names) throws Exception {
        Order processing = await(ra.finalizeOrder(account.id(), order.id(), TestKeys.csr(certKey, null, List.of(names))));
        await(ra.drain());
        return processing;
    }

    @Test
    void testSuccess_validationAsksCaaWithAccountAndMethodAndStoresTheCheck() throws Exception {
        Order order = validated("example.com");
        assertEquals(OrderStatus.READY, order.status());
        CaaRequest asked = caaChecker.requests().get(0);
        assertEquals(new CaaRequest("example.com", false, "https://ca/acct/" + account.id(), "http-01"), asked);
        CaaCheck stored = caaChecks.all().get(0);
        assertEquals(CaaCheck.AT_VALIDATION, stored.trigger());
        assertEquals("3.2.2.8 (BR 2.2.6)", stored.brSection());
        assertEquals(order.authorizationIds().get(0), stored.authorizationId());
        assertNull(stored.orderId());
        assertTrue(stored.result().permitted());
        assertEquals(START, stored.result().checkedAt());
    }

    @Test
    void testSuccess_wildcardIsCheckedAsAWildcardWithDns01() throws Exception {
        validated("*.example.com");
        CaaRequest asked = caaChecker.requests().get(0);
        assertTrue(asked.wildcard());
        assertEquals("example.com", asked.name());
        assertEquals("dns-01", asked.validationMethod());
    }

    @Test
    void testFailure_refusalAtValidationMakesTheAuthorizationAndOrderInvalid() throws Exception {
        caaChecker.refuse("example.com", "CAA record for example.com prevents issuance: 0 issue \"other-ca.example\"");
        Order order = validated("example.com");
        Authorization authz = authorization(order.authorizationIds().get(0));
        assertEquals(AuthorizationStatus.INVALID, authz.status());
        assertEquals(ChallengeStatus.INVALID, authz.challenges().get(0).status());
        assertEquals(ErrorKind.CAA, authz.challenges().get(0).error().kind());
        assertFalse(authz.challenges().get(0).records().isEmpty());
        assertEquals(OrderStatus.INVALID, order.status());
        assertEquals(ErrorKind.CAA, order.error().kind());
        assertTrue(order.error().detail().contains("0 issue \"other-ca.example\""), order.error().detail());
        assertFalse(caaChecks.all().get(0).result().permitted());
        assertTrue(audit.types().contains("caa.refused"));
    }

    @Test
    void testFailure_failedVaIsNotAskedAboutCaa() throws Exception {
        va.failFor("example.com", ErrorKind.UNAUTHORIZED, "wrong body");
        validated("example.com");
        assertTrue(caaChecker.requests().isEmpty());
        assertTrue(caaChecks.all().isEmpty());
    }

    @Test
    void testSuccess_finalizeJustInsideEightHoursDoesNotRecheck() throws Exception {
        Order order = validated("example.com");
        // inside the window by more than the signing margin, so the signature (at the same instant) is too
        clock.advance(Duration.ofHours(8).minus(CaaCheckpoint.SIGNING_MARGIN).minusSeconds(1));
        assertEquals(OrderStatus.PROCESSING, finalizeNow(order, "example.com").status());
        assertEquals(OrderStatus.VALID, order(order.id()).status());
        assertEquals(1, caaChecker.requests().size());
    }

    @Test
    void testSuccess_finalizeJustAfterEightHoursRechecksAndIssues() throws Exception {
        Order order = validated("example.com");
        clock.advance(Duration.ofHours(8).plusSeconds(1));
        finalizeNow(order, "example.com");
        assertEquals(OrderStatus.VALID, order(order.id()).status());
        assertEquals(2, caaChecker.requests().size());
        assertEquals(new CaaRequest("example.com", false, "https://ca/acct/" + account.id(), "http-01"),
                caaChecker.requests().get(1));
        CaaCheck recheck = caaChecks.all().get(1);
        assertEquals(CaaCheck.AT_FINALIZE, recheck.trigger());
        assertEquals(order.id(), recheck.orderId());
        assertEquals(START.plus(Duration.ofHours(8).plusSeconds(1)), recheck.result().checkedAt());
    }

    @Test
    void testFailure_recheckRefusalFailsTheOrderWithTheCaaProblem() throws Exception {
        Order order = validated("example.com", "www.example.com");
        clock.advance(Duration.ofHours(9));
        caaChecker.refuse("www.example.com", "CAA record for example.com prevents issuance: 0 issue \";\"");
        CaException e = failure(ErrorKind.CAA, ra.finalizeOrder(account.id(), order.id(),
                TestKeys.csr(certKey, null, List.of("example.com", "www.example.com"))));
        assertEquals(Identifier.dns("www.example.com"), e.problem().identifier());
        Order failed = order(order.id());
        assertEquals(OrderStatus.INVALID, failed.status());
        assertEquals(ErrorKind.CAA, failed.error().kind());
        assertTrue(ca.requests().isEmpty());
        assertTrue(audit.types().contains("caa.refused"));
        // the authorization itself stays valid: control was shown, only issuance is refused
        assertEquals(AuthorizationStatus.VALID, authorization(order.authorizationIds().get(1)).status());
    }

    @Test
    void testFailure_twoRefusedNamesAreSubproblems() throws Exception {
        Order order = validated("a.example.com", "b.example.com");
        clock.advance(Duration.ofHours(9));
        caaChecker.refuse("a.example.com", "refused a");
        caaChecker.refuse("b.example.com", "refused b");
        CaException e = failure(ErrorKind.CAA, ra.finalizeOrder(account.id(), order.id(),
                TestKeys.csr(certKey, null, List.of("a.example.com", "b.example.com"))));
        assertEquals(2, e.problem().subproblems().size());
    }

    @Test
    void testSuccess_ttlLongerThanEightHoursExtendsTheWindow() throws Exception {
        caaChecker.ttl(Duration.ofHours(24));
        Order order = validated("example.com");
        clock.advance(Duration.ofHours(23));
        finalizeNow(order, "example.com");
        assertEquals(1, caaChecker.requests().size());
    }

    @Test
    void testSuccess_ttlWindowOverRechecks() throws Exception {
        caaChecker.ttl(Duration.ofHours(24));
        Order order = validated("example.com");
        clock.advance(Duration.ofHours(24).plusSeconds(1));
        finalizeNow(order, "example.com");
        assertEquals(2, caaChecker.requests().size());
    }

    @Test
    void testSuccess_reusedAuthorizationIsRecheckedForTheNewOrder() throws Exception {
        Order first = validated("example.com");
        finalizeNow(first, "example.com");
        clock.advance(Duration.ofDays(3));
        Order second = newOrder(account, "example.com");
        assertEquals(OrderStatus.READY, second.status());
        finalizeNow(second, "example.com");
        assertEquals(OrderStatus.VALID, order(second.id()).status());
        assertEquals(2, caaChecker.requests().size());
        CaaCheck latest = await(caaChecks.latestFor(second.authorizationIds().get(0))).orElseThrow();
        assertEquals(second.id(), latest.orderId());
    }

    @Test
    void testSuccess_authorizationWithoutAStoredCheckIsRecheckedWithTheAccountUrl() throws Exception {
        Order order = validated("example.com");
        caaChecks.clear();
        finalizeNow(order, "example.com");
        assertEquals(2, caaChecker.requests().size());
        assertEquals("https://ca/acct/" + account.id(), caaChecker.requests().get(1).accountUri());
    }
}
