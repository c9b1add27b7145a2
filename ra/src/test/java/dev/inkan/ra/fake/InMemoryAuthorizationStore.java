package dev.inkan.ra.fake;

import dev.inkan.core.error.Problem;
import dev.inkan.core.model.Authorization;
import dev.inkan.core.model.AuthorizationStatus;
import dev.inkan.core.model.Challenge;
import dev.inkan.core.model.ChallengeStatus;
import dev.inkan.core.model.ValidationRecord;
import dev.inkan.core.port.AuthorizationStore;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** Authorizations in a map, with the conditional updates of the real store. */
public final class InMemoryAuthorizationStore implements AuthorizationStore {
    private final Map<String, Authorization> authorizations = new LinkedHashMap<>();

    @Override
    public synchronized Future<Optional<Authorization>> byId(String id) {
        return Future.succeededFuture(Optional.ofNullable(authorizations.get(id)));
    }

    @Override
    public synchronized Future<List<Authorization>> byIds(List<String> ids) {
        return Future.succeededFuture(ids.stream().map(authorizations::get).filter(Objects::nonNull).toList());
    }

    @Override
    public synchronized Future<Void> insertAll(List<Authorization> list) {
        list.forEach(a -> authorizations.put(a.id(), a));
        return Future.succeededFuture();
    }

    @Override
    public synchronized Future<Optional<Authorization>> findReusable(
            String accountId, String name, boolean wildcard, Instant now) {
        Optional<Authorization> valid = find(accountId, name, wildcard, now, AuthorizationStatus.VALID);
        return Future.succeededFuture(valid.isPresent()
                ? valid
                : find(accountId, name, wildcard, now, AuthorizationStatus.PENDING));
    }

    private Optional<Authorization> find(
            String accountId, String name, boolean wildcard, Instant now, AuthorizationStatus status) {
        return authorizations.values().stream()
                .filter(a -> a.accountId().equals(accountId) && a.identifier().value().equals(name)
                        && a.wildcard() == wildcard && a.status() == status && a.expires().isAfter(now))
                .findFirst();
    }

    @Override
    public synchronized Future<Optional<Authorization>> startChallenge(String id, String challengeId, Instant until) {
        Authorization a = authorizations.get(id);
        if (a == null || a.status() != AuthorizationStatus.PENDING
                || a.challenge(challengeId).map(c -> c.status() != ChallengeStatus.PENDING).orElse(true)) {
            return Future.succeededFuture(Optional.empty());
        }
        return save(withChallenge(a, a.status(), a.expires(), challengeId,
                c -> new Challenge(c.id(), c.type(), c.token(), ChallengeStatus.PROCESSING, null, null, List.of(),
                        c.target(), c.valueIssued(), until)));
    }

    @Override
    public synchronized Future<Optional<Authorization>> resumeChallenge(String id, String challengeId,
            Instant lapsed, Instant until) {
        Authorization a = authorizations.get(id);
        if (a == null || a.status() != AuthorizationStatus.PENDING || a.challenge(challengeId)
                .map(c -> c.status() != ChallengeStatus.PROCESSING || !lapsed.equals(c.processingUntil()))
                .orElse(true)) {
            return Future.succeededFuture(Optional.empty());
        }
        return save(withChallenge(a, a.status(), a.expires(), challengeId,
                c -> new Challenge(c.id(), c.type(), c.token(), c.status(), null, null, List.of(), c.target(),
                        c.valueIssued(), until)));
    }

    @Override
    public synchronized Future<Optional<Authorization>> finishChallenge(String id, String challengeId,
            ChallengeStatus outcome, Problem error, List<ValidationRecord> records, Instant at, Instant expires) {
        Authorization a = authorizations.get(id);
        if (a == null || a.challenge(challengeId).map(c -> c.status() != ChallengeStatus.PROCESSING).orElse(true)) {
            return Future.succeededFuture(Optional.empty());
        }
        boolean valid = outcome == ChallengeStatus.VALID;
        return save(withChallenge(a, valid ? AuthorizationStatus.VALID : AuthorizationStatus.INVALID, expires,
                challengeId, c -> new Challenge(c.id(), c.type(), c.token(), outcome, valid ? at : null, error, records,
                        c.target(), c.valueIssued())));
    }

    @Override
    public synchronized Future<Optional<Authorization>> replaceDomainValidation(String id, Challenge challenge) {
        Authorization a = authorizations.get(id);
        if (a == null || a.status() != AuthorizationStatus.PENDING
                || a.challenges().stream().anyMatch(c -> c.status() == ChallengeStatus.PROCESSING)) {
            return Future.succeededFuture(Optional.empty());
        }
        List<Challenge> kept = new java.util.ArrayList<>(a.challenges().stream()
                .filter(c -> c.acme() || c.status() != ChallengeStatus.PENDING)
                .toList());
        kept.add(challenge);
        return save(new Authorization(a.id(), a.accountId(), a.identifier(), a.wildcard(), a.status(), a.expires(),
                kept, a.createdAt()));
    }

    @Override
    public synchronized Future<Optional<Authorization>> byChallengeToken(String type, String token) {
        return Future.succeededFuture(authorizations.values().stream()
                .filter(a -> a.challenges().stream().anyMatch(c -> c.type().equals(type) && c.token().equals(token)))
                .findFirst());
    }

    @Override
    public synchronized Future<Optional<Authorization>> transition(
            String id, AuthorizationStatus from, AuthorizationStatus to) {
        Authorization a = authorizations.get(id);
        if (a == null || a.status() != from) {
            return Future.succeededFuture(Optional.empty());
        }
        return save(a.withStatus(to));
    }

    /** Puts an authorization as it is, for tests that need a particular state. */
    public synchronized void put(Authorization a) {
        authorizations.put(a.id(), a);
    }

    public synchronized int size() {
        return authorizations.size();
    }

    private Future<Optional<Authorization>> save(Authorization a) {
        authorizations.put(a.id(), a);
        return Future.succeededFuture(Optional.of(a));
    }

    private static Authorization withChallenge(Authorization a, AuthorizationStatus status, Instant expires,
            String challengeId, java.util.function.UnaryOperator<Challenge> change) {
        List<Challenge> challenges = a.challenges().stream()
                .map(c -> c.id().equals(challengeId) ? change.apply(c) : c)
                .toList();
        return new Authorization(a.id(), a.accountId(), a.identifier(), a.wildcard(), status, expires, challenges,
                a.createdAt());
    }

    @Override
    public synchronized Future<Pending> pendingOf(String accountId, Instant now) {
        List<Instant> expiries = authorizations.values().stream()
                .filter(a -> a.accountId().equals(accountId) && a.status() == AuthorizationStatus.PENDING
                        && a.expires().isAfter(now))
                .map(Authorization::expires).sorted().toList();
        return Future.succeededFuture(new Pending(expiries.size(), expiries.isEmpty() ? null : expiries.get(0)));
    }
}
