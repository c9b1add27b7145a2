package dev.inkan.storage;

import static dev.inkan.storage.Await.await;
import static dev.inkan.storage.Await.failure;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.inkan.core.error.CaException;
import dev.inkan.core.error.ErrorKind;
import dev.inkan.core.error.Problem;
import dev.inkan.core.model.Authorization;
import dev.inkan.core.model.AuthorizationStatus;
import dev.inkan.core.model.Challenge;
import dev.inkan.core.model.ChallengeStatus;
import dev.inkan.core.model.Identifier;
import dev.inkan.core.model.ValidationRecord;
import dev.inkan.core.port.AuthorizationStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AuthorizationStoreTest extends EmbeddedStoreTest {
    /** When a started validation's outcome is due. */
    private static final Instant DUE = T0.plusSeconds(100);
    private static final ValidationRecord RECORD = new ValidationRecord("http-01", "3.2.2.4.19", "a.example.jp",
            "http://a.example.jp/.well-known/acme-challenge/tok", List.of("192.0.2.1", "2001:db8::1"),
            "192.0.2.1", "tok.thumb", "primary", T0.plusNanos(7));
    private static final ValidationRecord DNS_RECORD = new ValidationRecord("dns-01", "3.2.2.4.7", "b.example.jp",
            "_acme-challenge.b.example.jp", List.of(), null, "digest", "primary", T0.plusNanos(9), "secure");
    private final AuthorizationStore authorizations = stores.authorizations();

    private static Authorization authorization(String accountId, String name, AuthorizationStatus status, Instant expires) {
        return new Authorization(newId("authz"), accountId, Identifier.dns(name), false, status, expires, List.of(
                new Challenge("c1", Challenge.HTTP_01, "tok-1", ChallengeStatus.PENDING, null, null, List.of()),
                new Challenge("c2", Challenge.DNS_01, "tok-2", ChallengeStatus.PENDING, null, null, List.of())), T0);
    }

    private static Authorization pending() {
        return authorization(newId("acct"), "a.example.jp", AuthorizationStatus.PENDING, T0.plus(Duration.ofDays(7)));
    }

    private static Authorization with(Authorization a, AuthorizationStatus status, Instant expires, Challenge c1) {
        return new Authorization(a.id(), a.accountId(), a.identifier(), a.wildcard(), status, expires,
                List.of(c1, a.challenges().get(1)), a.createdAt());
    }

    @Test
    void testSuccess_authorizationRoundTripsWithChallengesAndRecords() {
        Problem error = new Problem(ErrorKind.CONNECTION, "connection refused by 192.0.2.1:80",
                Identifier.dns("b.example.jp"), List.of(Problem.of(ErrorKind.TLS, "sub")));
        Authorization a = new Authorization(newId("authz"), newId("acct"), Identifier.dns("b.example.jp"), true,
                AuthorizationStatus.INVALID, T0, List.of(
                        new Challenge("c1", Challenge.DNS_01, "tok", ChallengeStatus.INVALID, null, error, List.of(DNS_RECORD)),
                        new Challenge("c2", Challenge.HTTP_01, "tok2", ChallengeStatus.VALID, T0.plusNanos(3), null,
                                List.of(RECORD, RECORD))), T0);
        await(authorizations.insertAll(List.of(a)));
        assertEquals(Optional.of(a), await(authorizations.byId(a.id())));
    }

    @Test
    void testSuccess_byIdsKeepsTheGivenOrderAndSkipsMissing() {
        Authorization a = pending();
        Authorization b = pending();
        await(authorizations.insertAll(List.of(a, b)));
        assertEquals(List.of(b, a), await(authorizations.byIds(List.of(b.id(), newId("missing"), a.id()))));
    }

    @Test
    void testFailure_duplicateIdIsConflict() {
        Authorization a = pending();
        await(authorizations.insertAll(List.of(a)));
        CaException e = assertInstanceOf(CaException.class, failure(authorizations.insertAll(List.of(a))));
        assertEquals(ErrorKind.CONFLICT, e.kind());
    }

    @Test
    void testSuccess_reusePrefersValidOverPending() {
        String account = newId("acct");
        Instant later = T0.plus(Duration.ofDays(30));
        Authorization pending = authorization(account, "r.example.jp", AuthorizationStatus.PENDING, later);
        Authorization valid = authorization(account, "r.example.jp", AuthorizationStatus.VALID, later.minusSeconds(9));
        await(authorizations.insertAll(List.of(pending, valid)));
        assertEquals(Optional.of(valid), await(authorizations.findReusable(account, "r.example.jp", false, T0)));
    }

    @Test
    void testSuccess_reuseFallsBackToPendingWhenValidExpired() {
        String account = newId("acct");
        Authorization pending = authorization(account, "r.example.jp", AuthorizationStatus.PENDING, T0.plusSeconds(60));
        Authorization expired = authorization(account, "r.example.jp", AuthorizationStatus.VALID, T0.minusSeconds(1));
        await(authorizations.insertAll(List.of(pending, expired)));
        assertEquals(Optional.of(pending), await(authorizations.findReusable(account, "r.example.jp", false, T0)));
    }

    @Test
    void testSuccess_noReuseForWildcardOtherNameOrInvalid() {
        String account = newId("acct");
        await(authorizations.insertAll(List.of(
                authorization(account, "r.example.jp", AuthorizationStatus.INVALID, T0.plusSeconds(60)))));
        assertEquals(Optional.empty(), await(authorizations.findReusable(account, "r.example.jp", false, T0)));
        await(authorizations.insertAll(List.of(
                authorization(account, "s.example.jp", AuthorizationStatus.VALID, T0.plusSeconds(60)))));
        assertEquals(Optional.empty(), await(authorizations.findReusable(account, "s.example.jp", true, T0)));
        assertEquals(Optional.empty(), await(authorizations.findReusable(account, "t.example.jp", false, T0)));
    }

    @Test
    void testSuccess_startChallengeSucceedsOnceThenIsEmpty() {
        Authorization a = pending();
        await(authorizations.insertAll(List.of(a)));
        Challenge c1 = a.challenges().get(0);
        Challenge processing = new Challenge("c1", c1.type(), c1.token(), ChallengeStatus.PROCESSING, null, null,
                List.of(), null, null, DUE);
        assertEquals(Optional.of(with(a, AuthorizationStatus.PENDING, a.expires(), processing)),
                await(authorizations.startChallenge(a.id(), "c1", DUE)));
        assertEquals(Optional.empty(), await(authorizations.startChallenge(a.id(), "c1", DUE)));
    }

    @Test
    void testSuccess_resumeChallengeClaimsALapsedValidationOnce() {
        Authorization a = pending();
        await(authorizations.insertAll(List.of(a)));
        await(authorizations.startChallenge(a.id(), "c1", DUE));
        Instant later = DUE.plusSeconds(100);
        Authorization resumed = await(authorizations.resumeChallenge(a.id(), "c1", DUE, later)).orElseThrow();
        assertEquals(later, resumed.challenge("c1").orElseThrow().processingUntil());
        assertEquals(ChallengeStatus.PROCESSING, resumed.challenge("c1").orElseThrow().status());
        // a second process that read the same lapsed deadline finds it claimed
        assertEquals(Optional.empty(), await(authorizations.resumeChallenge(a.id(), "c1", DUE, later.plusSeconds(1))));
    }

    @Test
    void testSuccess_resumeChallengeFindsNothingOnceTheOutcomeIsRecorded() {
        Authorization a = pending();
        await(authorizations.insertAll(List.of(a)));
        await(authorizations.startChallenge(a.id(), "c1", DUE));
        Authorization finished = await(authorizations.finishChallenge(a.id(), "c1", ChallengeStatus.VALID, null,
                List.of(RECORD), T0.plusSeconds(5), T0.plusSeconds(3600))).orElseThrow();
        assertEquals(null, finished.challenge("c1").orElseThrow().processingUntil());
        assertEquals(Optional.empty(), await(authorizations.resumeChallenge(a.id(), "c1", DUE, DUE.plusSeconds(100))));
    }

    @Test
    void testSuccess_startChallengeChangesOnlyTheNamedChallenge() {
        Authorization a = pending();
        await(authorizations.insertAll(List.of(a)));
        Authorization started = await(authorizations.startChallenge(a.id(), "c2", DUE)).orElseThrow();
        assertEquals(ChallengeStatus.PENDING, started.challenge("c1").orElseThrow().status());
        assertEquals(ChallengeStatus.PROCESSING, started.challenge("c2").orElseThrow().status());
    }

    private static Challenge email(String id, String token) {
        return new Challenge(id, Challenge.CONSTRUCTED_EMAIL, token, ChallengeStatus.PENDING, null, null, List.of(),
                "admin@example.jp", T0.plusNanos(5));
    }

    @Test
    void testSuccess_domainValidationReplacesTheEarlierOneAndKeepsTheAcmeChallenges() {
        Authorization a = pending();
        await(authorizations.insertAll(List.of(a)));
        await(authorizations.replaceDomainValidation(a.id(), email("e1", "digest-1"))).orElseThrow();
        Authorization replaced = await(authorizations.replaceDomainValidation(a.id(), email("e2", "digest-2")))
                .orElseThrow();
        assertEquals(List.of("c1", "c2", "e2"), replaced.challenges().stream().map(Challenge::id).toList());
        assertEquals(email("e2", "digest-2"), replaced.challenge("e2").orElseThrow());
        assertEquals(Optional.of(replaced), await(authorizations.byId(a.id())));
    }

    @Test
    void testSuccess_domainValidationNotReplacedWhileAChallengeIsProcessing() {
        Authorization a = pending();
        await(authorizations.insertAll(List.of(a)));
        await(authorizations.startChallenge(a.id(), "c1", DUE));
        assertEquals(Optional.empty(), await(authorizations.replaceDomainValidation(a.id(), email("e1", "d"))));
    }

    @Test
    void testSuccess_startedDomainValidationKeepsItsTargetAndValueTime() {
        Authorization a = pending();
        await(authorizations.insertAll(List.of(a)));
        await(authorizations.replaceDomainValidation(a.id(), email("e1", "d")));
        Challenge started = await(authorizations.startChallenge(a.id(), "e1", DUE)).orElseThrow().challenge("e1")
                .orElseThrow();
        assertEquals("admin@example.jp", started.target());
        assertEquals(T0.plusNanos(5), started.valueIssued());
    }

    @Test
    void testSuccess_byChallengeTokenFindsTheAuthorization() {
        Authorization a = pending();
        await(authorizations.insertAll(List.of(a, pending())));
        await(authorizations.replaceDomainValidation(a.id(), email("e1", "digest-x")));
        assertEquals(a.id(), await(authorizations.byChallengeToken(Challenge.CONSTRUCTED_EMAIL, "digest-x"))
                .orElseThrow().id());
        assertEquals(Optional.empty(), await(authorizations.byChallengeToken(Challenge.CONSTRUCTED_EMAIL, "tok-1")));
    }

    @Test
    void testSuccess_unknownChallengeDoesNotStart() {
        Authorization a = pending();
        await(authorizations.insertAll(List.of(a)));
        assertEquals(Optional.empty(), await(authorizations.startChallenge(a.id(), "c9", DUE)));
    }

    @Test
    void testSuccess_validOutcomeMakesTheAuthorizationValidOnce() {
        Authorization a = pending();
        await(authorizations.insertAll(List.of(a)));
        await(authorizations.startChallenge(a.id(), "c1", DUE));
        Instant at = T0.plusSeconds(5);
        Instant reuseUntil = T0.plus(Duration.ofDays(398));
        Challenge c1 = a.challenges().get(0);
        Challenge valid = new Challenge("c1", c1.type(), c1.token(), ChallengeStatus.VALID, at, null, List.of(RECORD));
        assertEquals(Optional.of(with(a, AuthorizationStatus.VALID, reuseUntil, valid)),
                await(authorizations.finishChallenge(a.id(), "c1", ChallengeStatus.VALID, null, List.of(RECORD), at, reuseUntil)));
        assertEquals(Optional.empty(),
                await(authorizations.finishChallenge(a.id(), "c1", ChallengeStatus.VALID, null, List.of(RECORD), at, reuseUntil)));
    }

    @Test
    void testSuccess_invalidOutcomeMakesTheAuthorizationInvalid() {
        Authorization a = pending();
        await(authorizations.insertAll(List.of(a)));
        await(authorizations.startChallenge(a.id(), "c1", DUE));
        Problem p = Problem.of(ErrorKind.INCORRECT_RESPONSE, "http://a.example.jp/... returned \"nope\"");
        Challenge c1 = a.challenges().get(0);
        Challenge invalid = new Challenge("c1", c1.type(), c1.token(), ChallengeStatus.INVALID, null, p, List.of(RECORD));
        assertEquals(Optional.of(with(a, AuthorizationStatus.INVALID, a.expires(), invalid)),
                await(authorizations.finishChallenge(a.id(), "c1", ChallengeStatus.INVALID, p, List.of(RECORD), T0, null)));
    }

    @Test
    void testSuccess_finishNeedsAProcessingChallenge() {
        Authorization a = pending();
        await(authorizations.insertAll(List.of(a)));
        assertEquals(Optional.empty(),
                await(authorizations.finishChallenge(a.id(), "c1", ChallengeStatus.VALID, null, List.of(), T0, T0)));
    }

    @Test
    void testSuccess_transitionSucceedsOnceThenIsEmpty() {
        Authorization a = pending();
        await(authorizations.insertAll(List.of(a)));
        assertEquals(Optional.of(a.withStatus(AuthorizationStatus.DEACTIVATED)),
                await(authorizations.transition(a.id(), AuthorizationStatus.PENDING, AuthorizationStatus.DEACTIVATED)));
        assertEquals(Optional.empty(),
                await(authorizations.transition(a.id(), AuthorizationStatus.PENDING, AuthorizationStatus.DEACTIVATED)));
    }

    @Test
    void testSuccess_pendingOfCountsOnlyThisAccountsUnexpiredPendingAuthorizations() {
        String account = newId("acct");
        Authorization soon = authorization(account, "a.example.jp", AuthorizationStatus.PENDING, T0.plusSeconds(60));
        Authorization later = authorization(account, "b.example.jp", AuthorizationStatus.PENDING, T0.plusSeconds(600));
        await(authorizations.insertAll(List.of(soon, later,
                authorization(account, "c.example.jp", AuthorizationStatus.VALID, T0.plusSeconds(600)),
                authorization(account, "d.example.jp", AuthorizationStatus.PENDING, T0.minusSeconds(1)),
                authorization(newId("acct"), "e.example.jp", AuthorizationStatus.PENDING, T0.plusSeconds(600)))));
        assertEquals(new AuthorizationStore.Pending(2, soon.expires()), await(authorizations.pendingOf(account, T0)));
        assertEquals(new AuthorizationStore.Pending(1, later.expires()),
                await(authorizations.pendingOf(account, T0.plusSeconds(60))));
        assertEquals(new AuthorizationStore.Pending(0, null), await(authorizations.pendingOf(newId("acct"), T0)));
    }
}
