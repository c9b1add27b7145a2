package dev.inkan.acme.wire;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The directory object (RFC 8555 §7.1.1) with its meta fields, the renewalInfo resource (RFC 9773 §3) and the
 * offered profiles (draft-ietf-acme-profiles §3).
 *
 * @param termsOfService null when none is published
 * @param website        null when none is published
 * @param profiles       profile name to description, in advertised order; empty advertises none
 */
public record DirectoryJson(
        AcmeUrls urls,
        String termsOfService,
        String website,
        List<String> caaIdentities,
        boolean externalAccountRequired,
        Map<String, String> profiles) {
    public DirectoryJson {
        caaIdentities = List.copyOf(caaIdentities);
        profiles = profiles == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(profiles));
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
        if (!profiles.isEmpty()) {
            JsonObject described = new JsonObject();
            profiles.forEach(described::put);
            meta.put("profiles", described);
        }
        return new JsonObject()
                .put("newNonce", urls.absolute(AcmeUrls.NEW_NONCE))
                .put("newAccount", urls.absolute(AcmeUrls.NEW_ACCOUNT))
                .put("newOrder", urls.absolute(AcmeUrls.NEW_ORDER))
                .put("revokeCert", urls.absolute(AcmeUrls.REVOKE_CERT))
                .put("keyChange", urls.absolute(AcmeUrls.KEY_CHANGE))
                .put("renewalInfo", urls.absolute(AcmeUrls.RENEWAL_INFO))
                .put("meta", meta);
    }
}
