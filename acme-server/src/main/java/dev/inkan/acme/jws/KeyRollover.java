package dev.inkan.acme.jws;

import dev.inkan.acme.problem.Problems;
import dev.inkan.acme.wire.AcmeUrls;
import dev.inkan.acme.wire.JsonFields;
import io.vertx.core.json.JsonObject;

/**
 * The inner JWS of a keyChange request (RFC 8555 §7.3.5): signed by the new key, carried in {@code jwk},
 * for the same url as the outer JWS, with payload {@code {account, oldKey}} naming the signer of the outer one.
 */
public final class KeyRollover {
    private final AcmeUrls urls;

    public KeyRollover(AcmeUrls urls) {
        this.urls = urls;
    }

    /** Checks the inner JWS of an outer keyChange request already verified with the account's key; returns the new key. */
    public AccountKey newKey(SignedRequest outer) {
        FlattenedJws inner = FlattenedJws.parse(outer.payloadJson());
        JsonObject header = inner.header();
        SignatureAlgorithm alg = SignatureAlgorithm.of(header.getValue("alg"));
        if (!(header.getValue("jwk") instanceof JsonObject jwk) || header.containsKey("kid")) {
            throw Problems.malformed("the inner JWS must carry the new key in \"jwk\" and have no \"kid\"");
        }
        if (header.containsKey("nonce")) {
            throw Problems.malformed("the inner JWS must not carry a \"nonce\" (RFC 8555 §7.3.5)");
        }
        if (!outer.url().equals(header.getValue("url"))) {
            throw Problems.malformed("the inner JWS url must be the outer JWS url " + outer.url() + " (RFC 8555 §7.3.5)");
        }
        AccountKey newKey = AccountKey.fromJwk(jwk);
        alg.requireFits(newKey);
        if (!inner.verifies(newKey.verificationKey(), alg.jwsName(), true)) {
            throw Problems.malformed("the inner JWS signature does not verify with its jwk");
        }
        JsonObject payload = inner.payloadJson();
        String accountUrl = urls.account(outer.account().id());
        if (!accountUrl.equals(JsonFields.requiredString(payload, "account"))) {
            throw Problems.malformed("the inner JWS \"account\" must be " + accountUrl);
        }
        AccountKey oldKey = AccountKey.parse(JsonFields.requiredObject(payload, "oldKey"));
        if (!oldKey.thumbprint().equals(outer.key().thumbprint())) {
            throw Problems.malformed("\"oldKey\" is not the account's current key");
        }
        if (newKey.thumbprint().equals(oldKey.thumbprint())) {
            throw Problems.malformed("the new key is the account's current key");
        }
        return newKey;
    }
}
