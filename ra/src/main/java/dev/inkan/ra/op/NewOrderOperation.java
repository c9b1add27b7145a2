package dev.inkan.ra.op;

import dev.inkan.core.error.CaException;
import dev.inkan.core.error.ErrorKind;
import dev.inkan.core.model.Account;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

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
    private final Function<String, AuthorizationSource> authorizationsByProfile;
    private final ReplacementClaim replacements;
    private final OrganizationBinding organizations;

    /**
     * @param authorizationsByProfile the authorization source of each profile (a profile may shorten reuse and the
     *                                pending lifetime)
     */
    public NewOrderOperation(OperationContext ctx, Ownership ownership, IdentifierPolicy identifierPolicy,
            ProfilePolicy profiles, ChallengeOffer offer, Function<String, AuthorizationSource> authorizationsByProfile,
            ReplacementClaim replacements, OrganizationBinding organizations) {
        this.ctx = ctx;
        this.ownership = ownership;
        this.identifierPolicy = identifierPolicy;
        this.profiles = profiles;
        this.offer = offer;
        this.authorizationsByProfile = authorizationsByProfile;
        this.replacements = replacements;
        this.organizations = organizations;
    }

    public Future<Order> run(NewOrderRequest request) {
        return run(request, null);
    }

    /**
     * @param replaces RFC 9773 §5: the ARI CertID of the certificate this order renews, or null. A replacement
     *                 order is always a new order, so that each claims its certificate once.
     */
    public Future<Order> run(NewOrderRequest request, String replaces) {
        if (request.notBefore() != null || request.notAfter() != null) {
            throw new CaException(ErrorKind.MALFORMED,
                    "notBefore and notAfter are not supported; the certificate profile sets the validity period");
        }
        if (request.profile() != null) {
            profiles.resolve(request.profile()); // an unoffered profile is refused before anything else
        }
        List<Identifier> identifiers = identifierPolicy.check(request.identifiers());
        identifiers.forEach(offer::typesFor); // refuse a wildcard no offered challenge can validate, before storing
        Instant now = ctx.now();
        if (replaces != null) {
            return ownership.validAccount(request.accountId())
                    .compose(account -> profile(account, request.profile(), identifiers, now)
                            .compose(profile -> replacements.check(account.id(), identifiers, replaces)
                                    .compose(checked -> create(request.accountId(), identifiers, profile, now,
                                            authorizationsByProfile.apply(profile), replaces)
                                            .compose(order -> replacements.claim(checked, order)))));
        }
        return ownership.validAccount(request.accountId())
                .compose(account -> profile(account, request.profile(), identifiers, now)
                        .compose(profile -> ctx.orders().findReusable(account.id(), identifiers, profile, now)
                                .compose(existing -> existing.isPresent()
                                        ? Future.succeededFuture(existing.get())
                                        : create(request.accountId(), identifiers, profile, now,
                                                authorizationsByProfile.apply(profile), null))));
    }

    /**
     * The order's profile: the one requested, else {@code ov} for an account bound to a vetted organization when OV
     * is offered, else the default. An OV order is checked against the binding at once, so a DV-only account or a
     * suspended or expired vetting is refused before any authorization is made (and again at finalize).
     */
    private Future<String> profile(Account account, String requested, List<Identifier> identifiers,
            Instant now) {
        Future<String> name = requested != null
                ? Future.succeededFuture(profiles.resolve(requested))
                : organizations.of(account).map(bound -> bound.isPresent() && profiles.offers(OrganizationBinding.OV_PROFILE)
                        ? OrganizationBinding.OV_PROFILE
                        : profiles.resolve(null));
        return name.compose(profile -> OrganizationBinding.OV_PROFILE.equals(profiles.caProfile(profile))
                ? organizations.requireForOv(account, identifiers, now).map(subject -> profile)
                : Future.succeededFuture(profile));
    }

    private Future<Order> create(String accountId, List<Identifier> identifiers, String profile, Instant now,
            AuthorizationSource authorizations, String replaces) {
        return authorizations.forOrder(accountId, identifiers, now).compose(authzs -> {
            boolean allValid = authzs.stream().allMatch(a -> a.status() == AuthorizationStatus.VALID);
            Order order = new Order(RandomTokens.id(), accountId, allValid ? OrderStatus.READY : OrderStatus.PENDING,
                    expires(authzs, now, authorizations), identifiers, null, null,
                    authzs.stream().map(Authorization::id).toList(), profile, null, null, now, now);
            return ctx.orders().insert(order);
        }).compose(order -> {
            Map<String, String> details = new HashMap<>(Map.of(
                    "identifiers", String.join(",", order.identifiers().stream().map(Identifier::value).toList()),
                    "profile", profile,
                    "status", order.status().wire()));
            if (replaces != null) {
                details.put("replaces", replaces);
            }
            return ctx.audit().record("order.created", AuditTrail.account(accountId), order.id(), details).map(order);
        });
    }

    /** The order lifetime, cut short by the first authorization that stops being usable. */
    private Instant expires(List<Authorization> authzs, Instant now, AuthorizationSource authorizations) {
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
