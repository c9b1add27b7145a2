package dev.inkan.core.port;

import dev.inkan.core.error.Problem;
import dev.inkan.core.model.Authorization;
import dev.inkan.core.model.AuthorizationStatus;
import dev.inkan.core.model.Challenge;
import dev.inkan.core.model.ChallengeStatus;
import dev.inkan.core.model.ValidationRecord;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Authorizations and their challenges. Each change is one conditional single-document update;
 * empty means the expected state no longer held and nothing was written.
 */
public interface AuthorizationStore extends AuthorizationReader {
    Future<Void> insertAll(List<Authorization> authorizations);

    /**
     * An authorization of this account for this name that a new order may reuse: VALID and unexpired at
     * {@code now} if there is one, else PENDING and unexpired.
     */
    Future<Optional<Authorization>> findReusable(String accountId, String name, boolean wildcard, Instant now);

    /**
     * A PENDING authorization's PENDING challenge becomes PROCESSING (RFC 8555 §7.5.1), its outcome due by
     * {@code until} ({@link Challenge#processingUntil()}).
     */
    Future<Optional<Authorization>> startChallenge(String id, String challengeId, Instant until);

    /**
     * A PROCESSING challenge whose outcome was due by {@code lapsed} and never came is claimed for a new attempt,
     * due by {@code until}. Empty when it is no longer in that state (finished, or claimed by another process).
     */
    Future<Optional<Authorization>> resumeChallenge(String id, String challengeId, Instant lapsed, Instant until);

    /**
     * Records a PROCESSING challenge's outcome: VALID makes the authorization VALID with {@code expires},
     * INVALID makes it INVALID. {@code error} is null for VALID.
     */
    Future<Optional<Authorization>> finishChallenge(
            String id,
            String challengeId,
            ChallengeStatus outcome,
            Problem error,
            List<ValidationRecord> records,
            Instant at,
            Instant expires);

    /**
     * Puts a validation by a method outside ACME (BR 3.2.2.4.4, .18, .12) on a PENDING authorization none of whose
     * challenges is PROCESSING: every PENDING challenge of a non-ACME type is removed and {@code challenge} added.
     * Empty when the authorization is not in that state.
     */
    Future<Optional<Authorization>> replaceDomainValidation(String id, Challenge challenge);

    /** The authorization holding a challenge of this type with this token (an emailed value's digest). */
    Future<Optional<Authorization>> byChallengeToken(String type, String token);

    Future<Optional<Authorization>> transition(String id, AuthorizationStatus from, AuthorizationStatus to);

    /**
     * How many of this account's authorizations are pending and unexpired at {@code now}, and when the first of
     * them expires (null when none): what Boulder's pending-authorizations limit counts.
     */
    Future<Pending> pendingOf(String accountId, Instant now);

    /** @param firstExpiry when the earliest of the pending authorizations expires; null when there are none */
    record Pending(long count, Instant firstExpiry) {}
}
