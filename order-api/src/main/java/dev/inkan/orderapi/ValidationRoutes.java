package dev.inkan.orderapi;

import dev.inkan.core.model.Authorization;
import dev.inkan.core.model.AuthorizationStatus;
import dev.inkan.core.model.Challenge;
import dev.inkan.core.model.ChallengeStatus;
import dev.inkan.core.model.Order;
import dev.inkan.core.port.RegistrationAuthority;
import dev.inkan.core.port.RegistrationAuthority.ChallengeResponse;
import dev.inkan.core.port.RegistrationAuthority.DomainValidationRequest;
import dev.inkan.core.port.ResellerOrderStore;
import dev.inkan.core.reseller.Reseller;
import dev.inkan.core.reseller.ResellerOrder;
import dev.inkan.core.reseller.ResellerOrderStatus;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.util.Locale;
import java.util.Optional;

/**
 * /orders/{id}/validations/{name}: check a name now (the RA validates it as it validates an ACME challenge, with the
 * same multi-perspective corroboration), send its email again, or switch its method while it is not validated.
 */
final class ValidationRoutes {
    private final RegistrationAuthority ra;
    private final OrderApiReaders readers;
    private final ResellerOrderStore orders;
    private final OrderRoutes owner;
    private final OrderView view;
    private final OrderApiConfig config;
    private final Clock clock;

    ValidationRoutes(RegistrationAuthority ra, OrderApiReaders readers, ResellerOrderStore orders, OrderRoutes owner,
            OrderView view, OrderApiConfig config, Clock clock) {
        this.ra = ra;
        this.readers = readers;
        this.orders = orders;
        this.owner = owner;
        this.view = view;
        this.config = config;
        this.clock = clock;
    }

    private record Target(ResellerOrder order, Order raOrder, Authorization authorization, String name) {
        String method() {
            return order.methods().get(name);
        }
    }

    /** http-01 and dns-01: the RA answers the challenge for the customer; file: the RA fetches the file. */
    Future<Reply> verify(RoutingContext ctx, Reseller reseller) {
        return target(ctx, reseller).compose(t -> {
            requirePending(t);
            String method = t.method();
            if (method.equals(Methods.EMAIL)) {
                throw ApiProblem.conflict(t.name() + " is validated when the recipient confirms on the page the email"
                        + " links to; resend sends the email again");
            }
            Challenge c = challenge(t.authorization(), method).orElseThrow(() -> notStarted(t));
            if (c.status() == ChallengeStatus.PROCESSING) {
                return Future.succeededFuture(t.order()); // a check is running already
            }
            if (method.equals(Methods.FILE)) {
                return ra.checkDomainValidation(t.raOrder().accountId(), t.authorization().id()).map(t.order());
            }
            return ra.respondToChallenge(new ChallengeResponse(t.raOrder().accountId(),
                            config.acmeAccountPrefix() + t.raOrder().accountId(), t.authorization().id(), c.id()))
                    .map(t.order());
        }).compose(view::of).map(j -> Reply.json(202, j));
    }

    /** BR 3.2.2.4.4: the email again, with a new random value (the earlier one stops working). */
    Future<Reply> resend(RoutingContext ctx, Reseller reseller) {
        return target(ctx, reseller).compose(t -> {
            requirePending(t);
            if (!t.method().equals(Methods.EMAIL)) {
                throw ApiProblem.conflict(t.name() + " is validated with " + t.method() + ", which sends nothing:"
                        + " publish the value shown in the order and call verify");
            }
            if (challenge(t.authorization(), Methods.EMAIL).isEmpty()) {
                throw notStarted(t);
            }
            return ra.resendValidationEmail(t.raOrder().accountId(), t.authorization().id()).map(t.order());
        }).compose(view::of).map(j -> Reply.json(202, j));
    }

    Future<Reply> switchMethod(RoutingContext ctx, Reseller reseller) {
        JsonObject body = ctx.body().asJsonObject();
        String method = body.getString("method");
        String email = body.getString("email") == null ? null : body.getString("email").trim().toLowerCase(Locale.ROOT);
        return target(ctx, reseller).compose(t -> {
            requirePending(t);
            if (t.name().startsWith("*.") && !method.equals(Methods.DNS_01) && !method.equals(Methods.EMAIL)) {
                throw ApiProblem.unprocessable("validationMismatch",
                        "a wildcard name can only be validated with dns-01 or email");
            }
            challenge(t.authorization(), t.method()).filter(c -> c.status() == ChallengeStatus.PROCESSING)
                    .ifPresent(c -> {
                        throw ApiProblem.conflict("the " + t.method() + " check of " + t.name()
                                + " is running; switch after it ends");
                    });
            OrderPlacement.requireAvailable(ra, t.name(), method, email);
            Future<Void> started = Methods.outsideAcme(method)
                    ? ra.startDomainValidation(new DomainValidationRequest(t.raOrder().accountId(),
                            t.authorization().id(), Methods.raType(method), email, null)).mapEmpty()
                    : Future.succeededFuture();
            if (!Methods.outsideAcme(method)) {
                challenge(t.authorization(), method).orElseThrow(() -> ApiProblem.unprocessable("methodUnavailable",
                        method + " is not offered for " + t.authorization().identifier().value()));
            }
            return started.compose(v -> orders.switchMethod(t.order().id(), t.name(), method, clock.instant()))
                    .map(done -> done.orElseThrow(() -> ApiProblem.conflict("order " + t.order().id()
                            + " changed meanwhile; read it and retry")));
        }).compose(view::of).map(j -> Reply.json(200, j));
    }

    private Future<Target> target(RoutingContext ctx, Reseller reseller) {
        String name = OrderRoutes.normalize(ctx.pathParam("name"));
        return owner.owned(reseller, ctx.pathParam("orderId")).compose(o -> {
            if (!o.names().contains(name)) {
                throw ApiProblem.notFound("name " + name + " in order " + o.id());
            }
            if (o.status() != ResellerOrderStatus.PENDING) {
                throw ApiProblem.conflict("order " + o.id() + " is " + o.status().wire() + "; its names are no longer"
                        + " validated");
            }
            return readers.orders().byId(o.raOrderId()).compose(raOrder -> {
                Order r = raOrder.orElseThrow(() -> new IllegalStateException("RA order " + o.raOrderId() + " is missing"));
                int i = r.identifiers().stream().map(id -> id.value()).toList().indexOf(name);
                return readers.authorizations().byId(r.authorizationIds().get(i))
                        .map(a -> new Target(o, r, a.orElseThrow(() -> new IllegalStateException(
                                "authorization " + r.authorizationIds().get(i) + " is missing")), name));
            });
        });
    }

    private static void requirePending(Target t) {
        AuthorizationStatus s = t.authorization().status();
        if (s == AuthorizationStatus.VALID) {
            throw ApiProblem.conflict(t.name() + " is validated already");
        }
        if (s != AuthorizationStatus.PENDING) {
            throw ApiProblem.conflict("the validation of " + t.name() + " is " + s.wire()
                    + "; the order cannot be completed, place a new one");
        }
    }

    private static ApiException notStarted(Target t) {
        return ApiProblem.conflict("the " + t.method() + " validation of " + t.name() + " has not started; switch"
                + " the name to " + t.method() + " again (PUT) to start it");
    }

    private static Optional<Challenge> challenge(Authorization a, String method) {
        String type = Methods.raType(method);
        return a.challenges().stream().filter(c -> c.type().equals(type)).findFirst();
    }
}
