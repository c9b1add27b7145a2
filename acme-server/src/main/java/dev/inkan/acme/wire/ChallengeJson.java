package dev.inkan.acme.wire;

import dev.inkan.acme.problem.ProblemDocument;
import dev.inkan.core.model.Challenge;
import io.vertx.core.json.JsonObject;
import java.time.Instant;

/**
 * A challenge object (RFC 8555 §7.1.5, §8).
 *
 * @param validated null until valid
 * @param error     null unless invalid
 */
public record ChallengeJson(String type, String url, String token, String status, Instant validated, ProblemDocument error) {

    public static ChallengeJson of(String authorizationId, Challenge challenge, AcmeUrls urls) {
        ProblemDocument error = challenge.error() == null ? null : ProblemDocument.from(challenge.error());
        return new ChallengeJson(
                challenge.type(),
                urls.challenge(authorizationId, challenge.id()),
                challenge.token(),
                challenge.status().wire(),
                challenge.validated(),
                error);
    }

    public JsonObject toJson() {
        JsonObject json = new JsonObject().put("type", type).put("url", url).put("token", token).put("status", status);
        if (validated != null) {
            json.put("validated", validated.toString());
        }
        if (error != null) {
            json.put("error", error.toJson());
        }
        return json;
    }
}
