package dev.inkan.acme.route;

import dev.inkan.acme.jws.SignedRequest;
import dev.inkan.acme.problem.Problems;
import dev.inkan.acme.wire.JsonFields;
import dev.inkan.core.model.Authorization;
import dev.inkan.core.port.AuthorizationReader;
import dev.inkan.core.port.RegistrationAuthority;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;

/** POST /acme/authz/:id: POST-as-GET (RFC 8555 §7.5) or {"status":"deactivated"} (§7.5.2). */
final class AuthorizationHandler implements SignedHandler {
    private final AuthorizationReader authorizations;
    private final RegistrationAuthority ra;
    private final Representations show;

    AuthorizationHandler(AuthorizationReader authorizations, RegistrationAuthority ra, Representations show) {
        this.authorizations = authorizations;
        this.ra = ra;
        this.show = show;
    }

    @Override
    public Future<Reply> handle(RoutingContext ctx, SignedRequest request) {
        String authzId = ctx.pathParam("id");
        return authorizations.byId(authzId)
                .map(found -> Ownership.require(found, Authorization::accountId, request, "authorization " + authzId))
                .compose(authz -> request.isPostAsGet()
                        ? LapsedValidation.resumedIfLapsed(authz, request, ra, show)
                        : deactivate(request, authzId))
                .map(show::authorization);
    }

    private Future<Authorization> deactivate(SignedRequest request, String authzId) {
        if (!"deactivated".equals(JsonFields.optionalString(request.payloadJson(), "status"))) {
            throw Problems.malformed("an authorization can only be updated with {\"status\": \"deactivated\"}");
        }
        return ra.deactivateAuthorization(request.account().id(), authzId);
    }
}
