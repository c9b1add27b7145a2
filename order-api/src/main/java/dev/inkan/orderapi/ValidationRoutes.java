package dev.inkan.orderapi;

import dev.inkan.core.model.Authorization;
import dev.inkan.core.model.AuthorizationStatus;
import dev.inkan.core.model.Challenge;
import dev.inkan.core.model.ChallengeStatus;
import dev.inkan.core.model.Order;
import dev.inkan.core.port.RegistrationAuthority;
import dev.inkan.core.port.RegistrationAuthority.ChallengeResponse;
import dev.inkan.core.port.ResellerOrderStore;
import dev.inkan.core.reseller.Reseller;
import dev.inkan.core.reseller.ResellerOrder;
import dev.inkan.core.reseller.ResellerOrderStatus;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;

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

    private record Target(ResellerOrder order, Order raOrder, Authorization authorization, String name) {}

    Future<Reply> verify(RoutingContext ctx, Reseller reseller) {
        return target(ctx, reseller).compose(t -> {
            requirePending(t);
            String method = t.order().methods().get(t.name());
            Challenge c = challenge(t.authorization(), method);
            if (c.status() == ChallengeStatus.PROCESSING) {
                return Future.succeededFuture(t.order()); // a check is running already
            }
            return ra.respondToChallenge(new ChallengeResponse(t.raOrder().accountId(),
                            config.acmeAccountPrefix() + t.raOrder().accountId(), t.authorization().id(), c.id()))
                    .map(t.order());
        }).compose(view::of).map(j -> Reply.json(202, j));
    }

    Future<Reply> resend(RoutingContext ctx, Reseller reseller) {
        return target(ctx, reseller).map(t -> {
            requirePending(t);
            String method = t.order().methods().get(t.name());
            throw ApiProblem.conflict(t.name() + " is validated with " + method + ", which sends nothing: publish the"
                    + " value shown in the order and call verify");
        });
    }

    Future<Reply> switchMethod(RoutingContext ctx, Reseller reseller) {
        String method = ctx.body().asJsonObject().getString("method");
        return target(ctx, reseller).compose(t -> {
            requirePending(t);
            if (t.name().startsWith("*.") && !method.equals(Methods.DNS_01)) {
                throw ApiProblem.unprocessable("validationMismatch",
                        "a wildcard name can only be validated with dns-01 (BR 3.2.2.4.19)");
            }
            Challenge current = challenge(t.authorization(), t.order().methods().get(t.name()));
            if (current.status() == ChallengeStatus.PROCESSING) {
                throw ApiProblem.conflict("the " + current.type() + " check of " + t.name()
                        + " is running; switch after it ends");
            }
            challenge(t.authorization(), method);
            return orders.switchMethod(t.order().id(), t.name(), method, clock.instant()).map(done -> done.orElseThrow(
                    () -> ApiProblem.conflict("order " + t.order().id() + " changed meanwhile; read it and retry")));
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

    private static Challenge challenge(Authorization a, String method) {
        return a.challenges().stream().filter(c -> c.type().equals(method)).findFirst().orElseThrow(() ->
                ApiProblem.unprocessable("methodUnavailable", method + " is not offered for "
                        + a.identifier().value() + (a.wildcard() ? " (a wildcard)" : "")));
    }
}
