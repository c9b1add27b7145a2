package dev.inkan.storage;

import dev.inkan.core.error.Problem;
import dev.inkan.core.model.Authorization;
import dev.inkan.core.model.AuthorizationStatus;
import dev.inkan.core.model.Challenge;
import dev.inkan.core.model.ChallengeStatus;
import dev.inkan.core.model.ValidationRecord;
import dev.inkan.core.port.AuthorizationStore;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Authorizations read by id at most once per request, as {@link RequestAccounts} does for accounts: a challenge
 * response read its authorization in the ACME handler (ownership, the challenge named) and again in the RA. Every
 * write through this store forgets the authorization first, whatever its outcome, so a read after a conditional
 * update goes to the store. Reads of several at once ({@link #byIds}) always go to the store: they decide whether an
 * order is ready, after writes other requests may have made. Outside a request every read goes to the store.
 */
final class RequestAuthorizations implements AuthorizationStore {
    private final AuthorizationStore store;

    RequestAuthorizations(AuthorizationStore store) {
        this.store = store;
    }

    /** The key an authorization is remembered under on a request's context. */
    private record Remembered(String authorizationId) {}

    @Override
    public Future<Optional<Authorization>> byId(String id) {
        return RequestMemory.read(new Remembered(id), Authorization.class, () -> store.byId(id));
    }

    @Override
    public Future<List<Authorization>> byIds(List<String> ids) {
        return store.byIds(ids);
    }

    @Override
    public Future<Void> insertAll(List<Authorization> authorizations) {
        return store.insertAll(authorizations);
    }

    @Override
    public Future<Optional<Authorization>> findReusable(String accountId, String name, boolean wildcard, Instant now) {
        return store.findReusable(accountId, name, wildcard, now);
    }

    @Override
    public Future<Optional<Authorization>> startChallenge(String id, String challengeId, Instant until) {
        forget(id);
        return store.startChallenge(id, challengeId, until);
    }

    @Override
    public Future<Optional<Authorization>> resumeChallenge(String id, String challengeId, Instant lapsed,
            Instant until) {
        forget(id);
        return store.resumeChallenge(id, challengeId, lapsed, until);
    }

    @Override
    public Future<Optional<Authorization>> finishChallenge(String id, String challengeId, ChallengeStatus status,
            Problem error, List<ValidationRecord> records, Instant validatedAt, Instant expires) {
        forget(id);
        return store.finishChallenge(id, challengeId, status, error, records, validatedAt, expires);
    }

    @Override
    public Future<Optional<Authorization>> replaceDomainValidation(String id, Challenge challenge) {
        forget(id);
        return store.replaceDomainValidation(id, challenge);
    }

    @Override
    public Future<Optional<Authorization>> byChallengeToken(String type, String token) {
        return store.byChallengeToken(type, token);
    }

    @Override
    public Future<Optional<Authorization>> transition(String id, AuthorizationStatus from, AuthorizationStatus to) {
        forget(id);
        return store.transition(id, from, to);
    }

    @Override
    public Future<Pending> pendingOf(String accountId, Instant now) {
        return store.pendingOf(accountId, now);
    }

    private static void forget(String id) {
        RequestMemory.forget(new Remembered(id));
    }
}
