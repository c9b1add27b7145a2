package dev.inkan.acme.wire;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * The directory object (RFC 8555 §7.1.1) with its meta fields.
 *
 * @param termsOfService null when none is published
 * @param website        null when none is published
 */
public record DirectoryJson(
        AcmeUrls urls,
        String termsOfService,
        String website,
        List<String> caaIdentities,
        boolean externalAccountRequired) {
    public DirectoryJson {
        caaIdentities = List.copyOf(caaIdentities);
    }

    public JsonObject toJson() {
        JsonObject meta = new JsonObject()
                .put("caaIdentities", new JsonArray(caaIdentities))
                .put("externalAccountRequired", externalAccountRequired);
        if (termsOfService != null) {
            meta.put("termsOfService", termsOfService);
        }
        if (website != null) {
            meta.put("website", website);
        }
        return new JsonObject()
                .put("newNonce", urls.absolute(AcmeUrls.NEW_NONCE))
                .put("newAccount", urls.absolute(AcmeUrls.NEW_ACCOUNT))
                .put("newOrder", urls.absolute(AcmeUrls.NEW_ORDER))
                .put("revokeCert", urls.absolute(AcmeUrls.REVOKE_CERT))
                .put("keyChange", urls.absolute(AcmeUrls.KEY_CHANGE))
                .put("meta", meta);
    }
}
