package dev.inkan.acme.wire;

import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * The newAccount request payload (RFC 8555 §7.3). Contacts are checked by the RA; here only their shape.
 *
 * @param contact                null when absent
 * @param externalAccountBinding the EAB JWS (RFC 8555 §7.3.4), or null
 */
public record NewAccountPayload(
        List<String> contact,
        boolean termsOfServiceAgreed,
        boolean onlyReturnExisting,
        JsonObject externalAccountBinding) {

    public static NewAccountPayload parse(JsonObject payload) {
        return new NewAccountPayload(
                JsonFields.optionalStrings(payload, "contact"),
                JsonFields.optionalBoolean(payload, "termsOfServiceAgreed"),
                JsonFields.optionalBoolean(payload, "onlyReturnExisting"),
                JsonFields.optionalObject(payload, "externalAccountBinding"));
    }

    public List<String> contactsOrEmpty() {
        return contact == null ? List.of() : contact;
    }
}
