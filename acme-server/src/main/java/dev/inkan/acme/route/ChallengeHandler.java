package dev.inkan.acme.route;

import dev.inkan.acme.jws.SignedRequest;
import dev.inkan.acme.problem.Problems;
import dev.inkan.core.model.Authorization;
import dev.inkan.core.model.Challenge;
import dev.inkan.core.port.AuthorizationReader;
import dev.inkan.core.port.RegistrationAuthority;
import dev.inkan.core.port.RegistrationAuthority.ChallengeResponse;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;

/** POST /acme/chall/:authzId/:challId: an empty payload fetches it, {} asks us to validate (RFC 8555 §7.5.1). */
final class ChallengeHandler implements SignedHandler {
    private final AuthorizationReader authorizations;
    private final RegistrationAuthority ra;
    private final Representations show;

    ChallengeHandler(AuthorizationReader authorizations, RegistrationAuthority ra, Representations show) {
        this.authorizations = authorizations;
        this.ra = ra;
        this.show = show;
    }

    @Override
    public Future<Reply> handle(RoutingContext ctx, SignedRequest request) {
        String authzId = ctx.pathParam("authzId");
        String challengeId = ctx.pathParam("challId");
        String what = "challenge " + authzId + "/" + challengeId;
        return authorizations.byId(authzId)
                .map(found -> Ownership.require(found, Authorization::accountId, request, what))
                .compose(authz -> {
                    challengeOf(authz, challengeId, what);
                    if (request.isPostAsGet()) {
                        return LapsedValidation.resumedIfLapsed(authz, request, ra, show);
                    }
                    request.payloadJson(); // RFC 8555 §7.5.1: the response is a JSON object, normally {}
                    String accountId = request.account().id();
                    return ra.respondToChallenge(new ChallengeResponse(
                            accountId, show.urls().account(accountId), authzId, challengeId));
                })
                .map(authz -> show.challenge(authz, challengeOf(authz, challengeId, what)));
    }

    private static Challenge challengeOf(Authorization authz, String challengeId, String what) {
        return authz.challenge(challengeId).filter(Challenge::acme).orElseThrow(() -> Problems.notFound(what));
    }
}
