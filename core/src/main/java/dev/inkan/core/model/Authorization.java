package dev.inkan.core.model;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An ACME authorization (RFC 8555 §7.1.4): one account's proof of control over one identifier.
 *
 * @param identifier the identifier without any {@code *.} prefix
 * @param wildcard   true when the order asked for {@code *.} + identifier
 * @param expires    for a pending authorization, when it stops being usable; for a valid one, the end of its
 *                   reuse window
 */
public record Authorization(
        String id,
        String accountId,
        Identifier identifier,
        boolean wildcard,
        AuthorizationStatus status,
        Instant expires,
        List<Challenge> challenges,
        Instant createdAt) {
    public Authorization {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(identifier, "identifier");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(expires, "expires");
        Objects.requireNonNull(createdAt, "createdAt");
        challenges = List.copyOf(challenges);
    }

    public Optional<Challenge> challenge(String challengeId) {
        return challenges.stream().filter(c -> c.id().equals(challengeId)).findFirst();
    }

    public Authorization withStatus(AuthorizationStatus s) {
        return new Authorization(id, accountId, identifier, wildcard, s, expires, challenges, createdAt);
    }
}
