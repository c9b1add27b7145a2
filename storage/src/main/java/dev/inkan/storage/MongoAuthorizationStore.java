package dev.inkan.storage;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.elemMatch;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.gt;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Filters.all;
import static com.mongodb.client.model.Filters.ne;
import static com.mongodb.client.model.Filters.size;

import com.mongodb.client.model.Sorts;
import com.mongodb.reactivestreams.client.MongoCollection;
import dev.inkan.core.error.Problem;
import dev.inkan.core.model.Authorization;
import dev.inkan.core.model.AuthorizationStatus;
import dev.inkan.core.model.Challenge;
import dev.inkan.core.model.ChallengeStatus;
import dev.inkan.core.model.ValidationRecord;
import dev.inkan.core.port.AuthorizationStore;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.bson.Document;
import org.bson.conversions.Bson;

final class MongoAuthorizationStore implements AuthorizationStore {
    private static final String DUPLICATE_ID = "an authorization with this id already exists";
    /** The positional operator: the challenge the filter's {@code $elemMatch} selected. */
    private static final String MATCHED_CHALLENGE = "challenges.$.";

    private final Driver driver;
    private final MongoCollection<Document> authorizations;

    MongoAuthorizationStore(Driver driver, MongoCollection<Document> authorizations) {
        this.driver = driver;
        this.authorizations = authorizations;
    }

    @Override
    public Future<Optional<Authorization>> byId(String id) {
        return driver.first(authorizations.find(eq("_id", id)).first()).map(d -> d.map(AuthorizationDocument::read));
    }

    @Override
    public Future<List<Authorization>> byIds(List<String> ids) {
        if (ids.isEmpty()) {
            return Future.succeededFuture(List.of());
        }
        return driver.all(authorizations.find(in("_id", ids))).map(documents -> {
            Map<String, Authorization> byId = new HashMap<>();
            documents.forEach(d -> byId.put(d.getString("_id"), AuthorizationDocument.read(d)));
            return ids.stream().map(byId::get).filter(Objects::nonNull).toList();
        });
    }

    @Override
    public Future<Void> insertAll(List<Authorization> list) {
        if (list.isEmpty()) {
            return Future.succeededFuture();
        }
        List<Document> documents = list.stream().map(AuthorizationDocument::of).toList();
        return driver.write(authorizations.insertMany(documents), DUPLICATE_ID).mapEmpty();
    }

    @Override
    public Future<Optional<Authorization>> findReusable(String accountId, String name, boolean wildcard, Instant now) {
        return reusable(accountId, name, wildcard, AuthorizationStatus.VALID, now)
                .compose(valid -> valid.isPresent()
                        ? Future.succeededFuture(valid)
                        : reusable(accountId, name, wildcard, AuthorizationStatus.PENDING, now));
    }

    private Future<Optional<Authorization>> reusable(
            String accountId, String name, boolean wildcard, AuthorizationStatus status, Instant now) {
        Bson filter = and(
                eq("accountId", accountId),
                eq("identifier.value", name),
                eq("wildcard", wildcard),
                eq("status", status.name()),
                gt("expires", Times.date(now)));
        // The one that lasts longest serves the new order best.
        return driver.first(authorizations.find(filter).sort(Sorts.descending("expires")).first())
                .map(d -> d.map(AuthorizationDocument::read));
    }

    @Override
    public Future<Optional<Authorization>> startChallenge(String id, String challengeId, Instant until) {
        // RFC 8555 §7.5.1: only a pending challenge of a pending authorization starts processing.
        Bson expected = challengeIn(id, challengeId, ChallengeStatus.PENDING);
        Document set = new Document(MATCHED_CHALLENGE + "status", ChallengeStatus.PROCESSING.name());
        return update(expected, Times.put(set, MATCHED_CHALLENGE + "processingUntil", until));
    }

    @Override
    public Future<Optional<Authorization>> resumeChallenge(String id, String challengeId, Instant lapsed,
            Instant until) {
        // the lapsed deadline is the claim: of two processes resuming it at once, one matches
        Bson expected = and(
                Conditional.expected(id, AuthorizationStatus.PENDING.name()),
                elemMatch("challenges", and(eq("id", challengeId), eq("status", ChallengeStatus.PROCESSING.name()),
                        eq("processingUntil", Times.date(lapsed)))));
        return update(expected, Times.put(new Document(), MATCHED_CHALLENGE + "processingUntil", until));
    }

    @Override
    public Future<Optional<Authorization>> finishChallenge(
            String id,
            String challengeId,
            ChallengeStatus outcome,
            Problem error,
            List<ValidationRecord> records,
            Instant at,
            Instant expires) {
        if (outcome != ChallengeStatus.VALID && outcome != ChallengeStatus.INVALID) {
            return Future.failedFuture(new IllegalArgumentException("a challenge ends VALID or INVALID, not " + outcome));
        }
        Bson expected = challengeIn(id, challengeId, ChallengeStatus.PROCESSING);
        boolean valid = outcome == ChallengeStatus.VALID;
        Document set = new Document(MATCHED_CHALLENGE + "status", outcome.name())
                .append(MATCHED_CHALLENGE + "error", ProblemDocument.of(error))
                .append(MATCHED_CHALLENGE + "records", ValidationRecordDocument.ofAll(records));
        Times.put(set, MATCHED_CHALLENGE + "validated", valid ? at : null);
        Times.put(set, MATCHED_CHALLENGE + "processingUntil", null);
        if (valid) {
            // The authorization is reusable until the end of its window (BR 4.2.1).
            set.append("status", AuthorizationStatus.VALID.name());
            Times.put(set, "expires", Objects.requireNonNull(expires, "expires"));
        } else {
            set.append("status", AuthorizationStatus.INVALID.name());
        }
        return update(expected, set);
    }

    @Override
    public Future<Optional<Authorization>> replaceDomainValidation(String id, Challenge challenge) {
        return byId(id).compose(found -> {
            if (found.isEmpty() || found.get().status() != AuthorizationStatus.PENDING) {
                return Future.succeededFuture(Optional.empty());
            }
            Authorization a = found.get();
            List<Challenge> kept = new ArrayList<>(a.challenges().stream()
                    .filter(c -> c.acme() || c.status() != ChallengeStatus.PENDING)
                    .toList());
            kept.add(challenge);
            // The challenges must be the ones read (same ids, none processing): a concurrent response or switch
            // makes this update match nothing rather than be overwritten.
            List<String> ids = a.challenges().stream().map(Challenge::id).toList();
            Bson expected = and(
                    Conditional.expected(id, AuthorizationStatus.PENDING.name()),
                    ne("challenges.status", ChallengeStatus.PROCESSING.name()),
                    size("challenges", ids.size()),
                    ids.isEmpty() ? new Document() : all("challenges.id", ids));
            Document set = new Document("challenges",
                    kept.stream().map(AuthorizationDocument::challenge).toList());
            return update(expected, set);
        });
    }

    @Override
    public Future<Optional<Authorization>> byChallengeToken(String type, String token) {
        Bson filter = elemMatch("challenges", and(eq("type", type), eq("token", token)));
        return driver.first(authorizations.find(filter).first()).map(d -> d.map(AuthorizationDocument::read));
    }

    @Override
    public Future<Optional<Authorization>> transition(String id, AuthorizationStatus from, AuthorizationStatus to) {
        return update(Conditional.expected(id, from.name()), new Document("status", to.name()));
    }

    @Override
    public Future<Pending> pendingOf(String accountId, Instant now) {
        // exactly the keys of the (accountId, status) index, which the embedded server then uses; expiry in code
        return driver.all(authorizations.find(and(eq("accountId", accountId), eq("status",
                        AuthorizationStatus.PENDING.name()))).projection(new Document("expires", 1)
                        .append("expiresNanos", 1)))
                .map(found -> {
                    long count = 0;
                    Instant first = null;
                    for (Document d : found) {
                        Instant expires = Times.get(d, "expires");
                        if (expires != null && expires.isAfter(now)) {
                            count++;
                            first = first == null || expires.isBefore(first) ? expires : first;
                        }
                    }
                    return new Pending(count, first);
                });
    }

    /** A PENDING authorization with that challenge in that state; {@code challenges.$} is then that challenge. */
    private static Bson challengeIn(String id, String challengeId, ChallengeStatus status) {
        return and(
                Conditional.expected(id, AuthorizationStatus.PENDING.name()),
                elemMatch("challenges", and(eq("id", challengeId), eq("status", status.name()))));
    }

    private Future<Optional<Authorization>> update(Bson expected, Document set) {
        return Conditional.update(
                driver, authorizations, expected, new Document("$set", set), DUPLICATE_ID, AuthorizationDocument::read);
    }
}
