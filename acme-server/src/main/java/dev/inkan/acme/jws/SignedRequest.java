package dev.inkan.acme.jws;

import dev.inkan.core.model.Account;
import io.vertx.core.json.JsonObject;

/**
 * A POST whose JWS verified: signature, algorithm, key, url and nonce all checked.
 *
 * @param url     the request URL the JWS was signed for
 * @param payload the decoded payload; empty for POST-as-GET
 * @param key     the key that signed it
 * @param account the account named by {@code kid}; null when signed with a {@code jwk}
 */
public record SignedRequest(String url, JsonObject header, String payload, AccountKey key, Account account) {

    /** RFC 8555 §6.3: an empty payload fetches the resource. */
    public boolean isPostAsGet() {
        return payload.isEmpty();
    }

    public JsonObject payloadJson() {
        return FlattenedJws.jsonObjectPayload(payload);
    }

    public boolean signedByAccount() {
        return account != null;
    }
}
