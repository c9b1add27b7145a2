package dev.inkan.acme.wire;

import dev.inkan.core.model.Authorization;
import dev.inkan.core.model.AuthorizationStatus;
import dev.inkan.core.model.Challenge;
import dev.inkan.core.model.Identifier;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;

/** An authorization object (RFC 8555 §7.1.4). */
public record AuthorizationJson(
        Identifier identifier, String status, Instant expires, List<ChallengeJson> challenges, boolean wildcard) {
    public AuthorizationJson {
        challenges = List.copyOf(challenges);
    }

    /** @param now a pending authorization past its expiry is shown {@code expired} (RFC 8555 §7.1.6) */
    public static AuthorizationJson of(Authorization authz, AcmeUrls urls, Instant now) {
        // RFC 8555 §7.1.3: the identifier of a wildcard authorization is the name without "*."
        Identifier identifier = new Identifier(authz.identifier().type(), authz.identifier().baseName());
        AuthorizationStatus status = authz.status() == AuthorizationStatus.PENDING && authz.expires().isBefore(now)
                ? AuthorizationStatus.EXPIRED
                : authz.status();
        List<ChallengeJson> challenges =
                // The methods outside ACME (email, website file, registrant) are not for ACME clients, and an email
                // validation's token must never reach the applicant.
                authz.challenges().stream().filter(Challenge::acme).map(c -> ChallengeJson.of(authz.id(), c, urls))
                        .toList();
        return new AuthorizationJson(identifier, status.wire(), authz.expires(), challenges, authz.wildcard());
    }

    public JsonObject toJson() {
        JsonArray challengeArray = new JsonArray();
        challenges.forEach(c -> challengeArray.add(c.toJson()));
        JsonObject json = new JsonObject()
                .put("identifier", IdentifierJson.of(identifier))
                .put("status", status)
                .put("expires", expires.toString())
                .put("challenges", challengeArray);
        if (wildcard) {
            json.put("wildcard", true);
        }
        return json;
    }
}
