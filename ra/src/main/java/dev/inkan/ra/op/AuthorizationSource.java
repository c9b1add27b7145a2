package dev.inkan.ra.op;

import dev.inkan.core.model.Authorization;
import dev.inkan.core.model.AuthorizationStatus;
import dev.inkan.core.model.Challenge;
import dev.inkan.core.model.ChallengeStatus;
import dev.inkan.core.model.Identifier;
import dev.inkan.ra.policy.ChallengeOffer;
import dev.inkan.ra.policy.DomainValidationMethods;
import dev.inkan.ra.policy.DomainValidationReuse;
import io.vertx.core.Future;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The authorizations of a new order, one per identifier: the account's own reusable one when reuse is on
 * (valid inside the BR 4.2.1 reuse window, or still pending), otherwise a new pending one.
 */
public final class AuthorizationSource {
    private final OperationContext ctx;
    private final ChallengeOffer offer;
    private final DomainValidationReuse reuse;
    private final Duration pendingLifetime;

    public AuthorizationSource(OperationContext ctx, ChallengeOffer offer, DomainValidationReuse reuse) {
        this(ctx, offer, reuse, ctx.config().pendingAuthorizationLifetime());
    }

    /** @param pendingLifetime how long a new authorization waits for its challenge (a profile may set it) */
    public AuthorizationSource(OperationContext ctx, ChallengeOffer offer, DomainValidationReuse reuse,
            Duration pendingLifetime) {
        this.ctx = ctx;
        this.offer = offer;
        this.reuse = reuse;
        this.pendingLifetime = pendingLifetime;
    }

    /** One authorization per identifier, in the identifiers' order; new ones are stored before returning. */
    public Future<List<Authorization>> forOrder(String accountId, List<Identifier> identifiers, Instant now) {
        List<Future<Optional<Authorization>>> lookups = identifiers.stream()
                .map(id -> reusable(accountId, id, now))
                .toList();
        return Future.all(lookups).compose(done -> {
            List<Authorization> result = new ArrayList<>();
            List<Authorization> created = new ArrayList<>();
            for (int i = 0; i < identifiers.size(); i++) {
                Identifier id = identifiers.get(i);
                Optional<Authorization> reused = lookups.get(i).result();
                Authorization a = reused.orElseGet(() -> newAuthorization(accountId, id, now));
                if (reused.isEmpty()) {
                    created.add(a);
                }
                result.add(a);
            }
            Future<Void> stored = created.isEmpty()
                    ? Future.succeededFuture()
                    : ctx.authorizations().insertAll(created);
            return stored.map(v -> List.copyOf(result));
        });
    }

    /** When this authorization stops being usable for a new order, seen from {@code now}. */
    public Instant usableUntil(Authorization a, Instant now) {
        if (a.status() != AuthorizationStatus.VALID) {
            return a.expires();
        }
        Instant window = validatedAt(a).map(at -> reuse.reusableUntil(at, now)).orElse(now);
        // BR 3.2.2.4.4: an email validation stops counting at the method's sunset, whatever its window says
        Instant sunset = validatedBy(a).map(DomainValidationMethods::countsUntil).orElse(Instant.MAX);
        if (sunset.isBefore(window)) {
            window = sunset.isBefore(now) ? now : sunset;
        }
        return window.isBefore(a.expires()) ? window : a.expires();
    }

    private Future<Optional<Authorization>> reusable(String accountId, Identifier id, Instant now) {
        if (!ctx.config().reuseAuthorizations()) {
            return Future.succeededFuture(Optional.empty());
        }
        return ctx.authorizations().findReusable(accountId, id.baseName(), id.isWildcard(), now)
                .map(found -> found.filter(a -> usable(a, now)));
    }

    private boolean usable(Authorization a, Instant now) {
        boolean reusableStatus = a.status() == AuthorizationStatus.VALID || a.status() == AuthorizationStatus.PENDING;
        return reusableStatus && usableUntil(a, now).isAfter(now);
    }

    /** When the challenge that made this authorization valid succeeded. */
    public static Optional<Instant> validatedAt(Authorization a) {
        return a.challenges().stream()
                .filter(c -> c.status() == ChallengeStatus.VALID && c.validated() != null)
                .map(Challenge::validated)
                .findFirst();
    }

    /** The method of the challenge that made this authorization valid. */
    public static Optional<String> validatedBy(Authorization a) {
        return a.challenges().stream()
                .filter(c -> c.status() == ChallengeStatus.VALID && c.validated() != null)
                .map(Challenge::type)
                .findFirst();
    }

    private Authorization newAuthorization(String accountId, Identifier id, Instant now) {
        List<Challenge> challenges = offer.typesFor(id).stream()
                .map(type -> new Challenge(RandomTokens.id(), type, RandomTokens.challengeToken(),
                        ChallengeStatus.PENDING, null, null, List.of()))
                .toList();
        // RFC 8555 §7.1.4: the authorization names the base domain and says wildcard: true
        return new Authorization(RandomTokens.id(), accountId, Identifier.dns(id.baseName()), id.isWildcard(),
                AuthorizationStatus.PENDING, now.plus(pendingLifetime), challenges, now);
    }
}
