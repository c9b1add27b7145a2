package dev.inkan.acme.route;

import dev.inkan.acme.jws.SignedRequest;
import dev.inkan.core.model.Authorization;
import dev.inkan.core.model.Challenge;
import dev.inkan.core.port.RegistrationAuthority;
import dev.inkan.core.port.RegistrationAuthority.ChallengeResponse;
import io.vertx.core.Future;
import java.util.Optional;

/**
 * A poll that finds a validation overdue, lost with the front end that ran it, asks the RA to run it again
 * (RFC 8555 §8.2: the server may retry), so that the client, which only polls, sees it finish.
 */
final class LapsedValidation {
    private LapsedValidation() {}

    static Future<Authorization> resumedIfLapsed(Authorization authz, SignedRequest request, RegistrationAuthority ra,
            Representations show) {
        Optional<Challenge> lapsed = authz.challenges().stream()
                .filter(c -> c.acme() && c.lapsed(show.now()))
                .findFirst();
        if (lapsed.isEmpty()) {
            return Future.succeededFuture(authz);
        }
        String accountId = request.account().id();
        return ra.respondToChallenge(new ChallengeResponse(accountId, show.urls().account(accountId), authz.id(),
                lapsed.get().id()));
    }
}
