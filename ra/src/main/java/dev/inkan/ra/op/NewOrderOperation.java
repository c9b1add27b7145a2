package dev.inkan.ra.op;

import dev.inkan.core.error.CaException;
import dev.inkan.core.error.ErrorKind;
import dev.inkan.core.model.Authorization;
import dev.inkan.core.model.AuthorizationStatus;
import dev.inkan.core.model.Identifier;
import dev.inkan.core.model.Order;
import dev.inkan.core.model.OrderStatus;
import dev.inkan.core.port.RegistrationAuthority.NewOrderRequest;
import dev.inkan.ra.policy.ChallengeOffer;
import dev.inkan.ra.policy.IdentifierPolicy;
import dev.inkan.ra.policy.ProfilePolicy;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * RFC 8555 §7.4 newOrder. An identical pending or ready order of the account is returned instead of a new
 * one. This CA sets certificate validity from the profile, so notBefore and notAfter are refused.
 */
public final class NewOrderOperation {
    private final OperationContext ctx;
    private final Ownership ownership;
    private final IdentifierPolicy identifierPolicy;
    private final ProfilePolicy profiles;
    private final ChallengeOffer offer;
    private final AuthorizationSource authorizations;

    public NewOrderOperation(OperationContext ctx, Ownership ownership, IdentifierPolicy identifierPolicy,
            ProfilePolicy profiles, ChallengeOffer offer, AuthorizationSource authorizations) {
        this.ctx = ctx;
        this.ownership = ownership;
        this.identifierPolicy = identifierPolicy;
        this.profiles = profiles;
        this.offer = offer;
        this.authorizations = authorizations;
    }

    public Future<Order> run(NewOrderRequest request) {
        if (request.notBefore() != null || request.notAfter() != null) {
            throw new CaException(ErrorKind.MALFORMED,
                    "notBefore and notAfter are not supported; the certificate profile sets the validity period");
        }
        String profile = profiles.resolve(request.profile());
        List<Identifier> identifiers = identifierPolicy.check(request.identifiers());
        identifiers.forEach(offer::typesFor); // refuse a wildcard no offered challenge can validate, before storing
        Instant now = ctx.now();
        return ownership.validAccount(request.accountId())
                .compose(account -> ctx.orders().findReusable(account.id(), identifiers, profile, now))
                .compose(existing -> existing.isPresent()
                        ? Future.succeededFuture(existing.get())
                        : create(request.accountId(), identifiers, profile, now));
    }

    private Future<Order> create(String accountId, List<Identifier> identifiers, String profile, Instant now) {
        return authorizations.forOrder(accountId, identifiers, now).compose(authzs -> {
            boolean allValid = authzs.stream().allMatch(a -> a.status() == AuthorizationStatus.VALID);
            Order order = new Order(RandomTokens.id(), accountId, allValid ? OrderStatus.READY : OrderStatus.PENDING,
                    expires(authzs, now), identifiers, null, null,
                    authzs.stream().map(Authorization::id).toList(), profile, null, null, now, now);
            return ctx.orders().insert(order);
        }).compose(order -> ctx.audit().record("order.created", AuditTrail.account(accountId), order.id(), Map.of(
                "identifiers", String.join(",", order.identifiers().stream().map(Identifier::value).toList()),
                "profile", profile,
                "status", order.status().wire())).map(order));
    }

    /** The order lifetime, cut short by the first authorization that stops being usable. */
    private Instant expires(List<Authorization> authzs, Instant now) {
        Instant expires = now.plus(ctx.config().orderLifetime());
        for (Authorization a : authzs) {
            Instant until = authorizations.usableUntil(a, now);
            if (until.isBefore(expires)) {
                expires = until;
            }
        }
        return expires;
    }
}
