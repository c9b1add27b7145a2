package dev.inkan.ra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.inkan.core.error.ErrorKind;
import dev.inkan.core.model.Account;
import dev.inkan.core.model.Authorization;
import dev.inkan.core.model.AuthorizationStatus;
import dev.inkan.core.model.Challenge;
import dev.inkan.core.model.ChallengeStatus;
import dev.inkan.core.model.Identifier;
import dev.inkan.core.model.Order;
import dev.inkan.core.model.OrderStatus;
import dev.inkan.core.port.RegistrationAuthority.ChallengeResponse;
import dev.inkan.core.port.ValidationAuthority.ValidationRequest;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChallengeResponseTest extends RaTestBase {

    private ChallengeResponse response(Account account, String authzId, Challenge challenge) {
        return new ChallengeResponse(account.id(), "https://ca/acct/" + account.id(), authzId, challenge.id());
    }

    @Test
    void testSuccess_responseReturnsProcessingAtOnce() throws Exception {
        va.hold();
        Account account = newAccount();
        Order order = newOrder(account, "example.com");
        String authzId = order.authorizationIds().get(0);
        Challenge http = authorization(authzId).challenges().get(0);
        Authorization answered = await(ra.respondToChallenge(response(account, authzId, http)));
        assertEquals(AuthorizationStatus.PENDING, answered.status());
        assertEquals(ChallengeStatus.PROCESSING, answered.challenge(http.id()).orElseThrow().status());
        assertEquals(1, va.requests().size());
    }

    @Test
    void testSuccess_withABudgetTheResponseAnswersWithTheValidatedAuthorization() throws Exception {
        ra.answerChallengesWithin(Duration.ofSeconds(10));
        Account account = newAccount();
        Order order = newOrder(account, "quick.example.com");
        String authzId = order.authorizationIds().get(0);
        Challenge http = authorization(authzId).challenges().get(0);
        Authorization answered = await(ra.respondToChallenge(response(account, authzId, http)));
        assertEquals(AuthorizationStatus.VALID, answered.status());
        assertEquals(ChallengeStatus.VALID, answered.challenge(http.id()).orElseThrow().status());
        assertEquals(OrderStatus.READY, order(order.id()).status());
    }

    @Test
    void testSuccess_withABudgetAFailedValidationAnswersInvalidWithItsProblem() throws Exception {
        ra.answerChallengesWithin(Duration.ofSeconds(10));
        va.failFor("refused.example.com", ErrorKind.INCORRECT_RESPONSE, "the token was not served");
        Account account = newAccount();
        String authzId = newOrder(account, "refused.example.com").authorizationIds().get(0);
        Challenge http = authorization(authzId).challenges().get(0);
        Authorization answered = await(ra.respondToChallenge(response(account, authzId, http)));
        Challenge seen = answered.challenge(http.id()).orElseThrow();
        assertEquals(ChallengeStatus.INVALID, seen.status());
        assertEquals(ErrorKind.INCORRECT_RESPONSE, seen.error().kind());
    }

    @Test
    void testSuccess_validationSlowerThanTheBudgetAnswersProcessing() throws Exception {
        ra.answerChallengesWithin(Duration.ofMillis(200));
        va.hold();
        Account account = newAccount();
        String authzId = newOrder(account, "slow.example.com").authorizationIds().get(0);
        Challenge http = authorization(authzId).challenges().get(0);
        Authorization answered = await(ra.respondToChallenge(response(account, authzId, http)));
        assertEquals(ChallengeStatus.PROCESSING, answered.challenge(http.id()).orElseThrow().status());
        va.release();
        await(ra.drain());
        assertEquals(AuthorizationStatus.VALID, authorization(authzId).status());
    }

    @Test
    void testSuccess_startedValidationIsDueByTheTimeoutAndMargin() throws Exception {
        va.hold();
        Account account = newAccount();
        String authzId = newOrder(account, "due.example.com").authorizationIds().get(0);
        Challenge http = authorization(authzId).challenges().get(0);
        Authorization answered = await(ra.respondToChallenge(response(account, authzId, http)));
        assertEquals(START.plus(RaConfig.defaults().validationTimeout()).plusSeconds(15),
                answered.challenge(http.id()).orElseThrow().processingUntil());
    }

    @Test
    void testSuccess_respondingAgainToAValidationStillDueRunsNothing() throws Exception {
        Account account = newAccount();
        Order order = newOrder(account, "busy.example.com");
        String authzId = order.authorizationIds().get(0);
        Challenge http = authorization(authzId).challenges().get(0);
        // another front end started it and is still within its time
        await(authorizations.startChallenge(authzId, http.id(), START.plusSeconds(105)));
        clock.advance(Duration.ofSeconds(100));
        Authorization answered = await(ra.respondToChallenge(response(account, authzId, http)));
        await(ra.drain());
        assertEquals(ChallengeStatus.PROCESSING, answered.challenge(http.id()).orElseThrow().status());
        assertEquals(0, va.requests().size());
    }

    @Test
    void testSuccess_validationLostWithItsProcessRunsAgainOnTheNextResponse() throws Exception {
        Account account = newAccount();
        Order order = newOrder(account, "lost.example.com");
        String authzId = order.authorizationIds().get(0);
        Challenge http = authorization(authzId).challenges().get(0);
        // the front end that started it was killed before it recorded an outcome
        await(authorizations.startChallenge(authzId, http.id(), START.plusSeconds(105)));
        clock.advance(Duration.ofSeconds(106));
        await(ra.respondToChallenge(response(account, authzId, http)));
        await(ra.drain());
        assertEquals(1, va.requests().size());
        assertEquals(AuthorizationStatus.VALID, authorization(authzId).status());
        assertEquals(OrderStatus.READY, order(order.id()).status());
    }

    @Test
    void testSuccess_lostValidationRunsAgainOnlyOnceForTwoResponsesAtOnce() throws Exception {
        va.hold();
        Account account = newAccount();
        String authzId = newOrder(account, "twice.example.com").authorizationIds().get(0);
        Challenge http = authorization(authzId).challenges().get(0);
        await(authorizations.startChallenge(authzId, http.id(), START.plusSeconds(105)));
        clock.advance(Duration.ofSeconds(106));
        // both read the authorization with the same overdue deadline; one claims it
        Challenge lapsed = authorization(authzId).challenge(http.id()).orElseThrow();
        await(io.vertx.core.Future.all(ra.respondToChallenge(response(account, authzId, lapsed)),
                ra.respondToChallenge(response(account, authzId, lapsed))));
        assertEquals(1, va.requests().size());
    }

    @Test
    void testSuccess_validatorGetsKeyAuthorizationAndAccountUrl() throws Exception {
        Account account = newAccount();
        Order order = newOrder(account, "*.example.com");
        String authzId = order.authorizationIds().get(0);
        Challenge dns = authorization(authzId).challenges().get(0);
        await(ra.respondToChallenge(response(account, authzId, dns)));
        await(ra.drain());
        ValidationRequest request = va.requests().get(0);
        assertEquals(Identifier.dns("example.com"), request.identifier());
        assertEquals(Challenge.DNS_01, request.challengeType());
        assertEquals(dns.token() + "." + account.keyThumbprint(), request.keyAuthorization());
        assertEquals("https://ca/acct/" + account.id(), request.accountUrl());
    }

    @Test
    void testSuccess_allValidMakesOrderReady() throws Exception {
        Account account = newAccount();
        Order order = newOrder(account, "example.com", "www.example.com");
        validate(account, order);
        assertEquals(OrderStatus.READY, order(order.id()).status());
        Authorization authz = authorization(order.authorizationIds().get(0));
        assertEquals(AuthorizationStatus.VALID, authz.status());
        assertEquals(START.plus(Duration.ofDays(200)), authz.expires()); // BR 4.2.1 window in 2026
        Challenge done = authz.challenges().get(0);
        assertEquals(START, done.validated());
        assertEquals(1, done.records().size());
        assertTrue(audit.types().contains("challenge.valid"));
    }

    @Test
    void testSuccess_orderStaysPendingUntilTheLastAuthorizationIsValid() throws Exception {
        Account account = newAccount();
        Order order = newOrder(account, "example.com", "www.example.com");
        String first = order.authorizationIds().get(0);
        await(ra.respondToChallenge(response(account, first, authorization(first).challenges().get(0))));
        await(ra.drain());
        assertEquals(OrderStatus.PENDING, order(order.id()).status());
    }

    @Test
    void testSuccess_validAuthorizationReadiesEveryPendingOrderHoldingIt() throws Exception {
        Account account = newAccount();
        Order a = newOrder(account, "example.com");
        Order b = await(ra.newOrder(new dev.inkan.core.port.RegistrationAuthority.NewOrderRequest(account.id(),
                List.of(Identifier.dns("example.com")), null, null, null)));
        assertEquals(a.id(), b.id());
        Order c = newOrder(account, "example.com", "www.example.com");
        validate(account, a);
        assertEquals(OrderStatus.READY, order(a.id()).status());
        assertEquals(OrderStatus.PENDING, order(c.id()).status());
        validate(account, order(c.id()));
        assertEquals(OrderStatus.READY, order(c.id()).status());
    }

    @Test
    void testSuccess_ordersPastTheFirstPageBecomeReady() throws Exception {
        Account account = newAccount();
        List<Order> many = new java.util.ArrayList<>();
        for (int i = 0; i < 110; i++) {
            Order o = newOrder(account, "example.com", "n" + i + ".example.com");
            String other = o.authorizationIds().get(1);
            await(ra.respondToChallenge(response(account, other, authorization(other).challenges().get(0))));
            many.add(o);
        }
        await(ra.drain());
        String shared = many.get(0).authorizationIds().get(0);
        await(ra.respondToChallenge(response(account, shared, authorization(shared).challenges().get(0))));
        await(ra.drain());
        for (Order o : many) {
            assertEquals(OrderStatus.READY, order(o.id()).status());
        }
    }

    @Test
    void testSuccess_invalidMakesAuthorizationAndOrderInvalid() throws Exception {
        va.failFor("www.example.com", ErrorKind.INCORRECT_RESPONSE, "expected token.x, got nothing");
        Account account = newAccount();
        Order order = newOrder(account, "example.com", "www.example.com");
        validate(account, order);
        Authorization bad = authorization(order.authorizationIds().get(1));
        assertEquals(AuthorizationStatus.INVALID, bad.status());
        Challenge failed = bad.challenges().get(0);
        assertEquals(ChallengeStatus.INVALID, failed.status());
        assertEquals(ErrorKind.INCORRECT_RESPONSE, failed.error().kind());
        assertNull(failed.validated());
        Order invalid = order(order.id());
        assertEquals(OrderStatus.INVALID, invalid.status());
        assertNotNull(invalid.error());
        assertEquals(ErrorKind.INCORRECT_RESPONSE, invalid.error().kind());
        assertEquals(Identifier.dns("www.example.com"), invalid.error().identifier());
        assertTrue(invalid.error().detail().contains("expected token.x"));
        assertTrue(audit.types().contains("challenge.invalid"));
    }

    @Test
    void testSuccess_respondingAgainChangesNothing() throws Exception {
        Account account = newAccount();
        Order order = newOrder(account, "example.com");
        String authzId = order.authorizationIds().get(0);
        Challenge http = authorization(authzId).challenges().get(0);
        validate(account, order);
        Authorization valid = authorization(authzId);
        assertEquals(valid, await(ra.respondToChallenge(response(account, authzId, http))));
        Challenge dns = valid.challenges().get(1);
        assertEquals(valid, await(ra.respondToChallenge(response(account, authzId, dns))));
        await(ra.drain());
        assertEquals(1, va.requests().size());
    }

    @Test
    void testSuccess_secondChallengeWhileFirstIsProcessingStartsNothing() throws Exception {
        va.hold();
        Account account = newAccount();
        Order order = newOrder(account, "example.com");
        String authzId = order.authorizationIds().get(0);
        List<Challenge> challenges = authorization(authzId).challenges();
        await(ra.respondToChallenge(response(account, authzId, challenges.get(0))));
        Authorization same = await(ra.respondToChallenge(response(account, authzId, challenges.get(1))));
        assertEquals(ChallengeStatus.PENDING, same.challenges().get(1).status());
        assertEquals(1, va.requests().size());
    }

    @Test
    void testFailure_otherAccountsAuthorizationIsNotFound() throws Exception {
        Account owner = newAccount();
        Order order = newOrder(owner, "example.com");
        String authzId = order.authorizationIds().get(0);
        Challenge http = authorization(authzId).challenges().get(0);
        failure(ErrorKind.NOT_FOUND, ra.respondToChallenge(response(newAccount(), authzId, http)));
        assertEquals(ChallengeStatus.PENDING, authorization(authzId).challenges().get(0).status());
    }

    @Test
    void testFailure_unknownChallengeIsNotFound() throws Exception {
        Account account = newAccount();
        String authzId = newOrder(account, "example.com").authorizationIds().get(0);
        failure(ErrorKind.NOT_FOUND, ra.respondToChallenge(
                new ChallengeResponse(account.id(), "u", authzId, "no-such-challenge")));
    }

    @Test
    void testFailure_expiredAuthorizationCannotBeAnswered() throws Exception {
        Account account = newAccount();
        String authzId = newOrder(account, "example.com").authorizationIds().get(0);
        clock.advance(Duration.ofDays(8));
        failure(ErrorKind.MALFORMED, ra.respondToChallenge(
                response(account, authzId, authorization(authzId).challenges().get(0))));
    }

    @Test
    void testSuccess_deactivatedAuthorizationInvalidatesItsOrders() throws Exception {
        Account account = newAccount();
        Order order = newOrder(account, "example.com");
        validate(account, order);
        String authzId = order.authorizationIds().get(0);
        assertEquals(AuthorizationStatus.DEACTIVATED, await(ra.deactivateAuthorization(account.id(), authzId)).status());
        Order invalid = order(order.id());
        assertEquals(OrderStatus.INVALID, invalid.status());
        assertEquals(ErrorKind.UNAUTHORIZED, invalid.error().kind());
        assertEquals(AuthorizationStatus.DEACTIVATED, await(ra.deactivateAuthorization(account.id(), authzId)).status());
        assertTrue(audit.types().contains("authorization.deactivated"));
    }

    @Test
    void testFailure_invalidAuthorizationCannotBeDeactivated() throws Exception {
        va.failFor("example.com", ErrorKind.DNS, "NXDOMAIN");
        Account account = newAccount();
        Order order = newOrder(account, "example.com");
        validate(account, order);
        failure(ErrorKind.MALFORMED, ra.deactivateAuthorization(account.id(), order.authorizationIds().get(0)));
    }
}
