package dev.inkan.acme.wire;

import dev.inkan.acme.problem.Problems;
import dev.inkan.core.model.RevocationReason;
import io.vertx.core.json.JsonObject;

/**
 * The revokeCert payload (RFC 8555 §7.6).
 *
 * @param certificateDer the DER certificate to revoke
 * @param reason         null when the client gave none
 */
public record RevocationPayload(byte[] certificateDer, RevocationReason reason) {

    public static RevocationPayload parse(JsonObject payload) {
        String certificate = JsonFields.requiredString(payload, "certificate");
        byte[] der = Base64Url.decode(certificate)
                .filter(b -> b.length > 0)
                .orElseThrow(() -> Problems.malformed("\"certificate\" must be a base64url DER certificate"));
        Integer code = JsonFields.optionalInteger(payload, "reason");
        RevocationReason reason = code == null
                ? null
                : RevocationReason.fromCode(code)
                        .orElseThrow(() -> Problems.badRevocationReason(
                                "reason code " + code + " is not allowed; use 0, 1, 3, 4, 5 or 9 (BR 7.2.2)"));
        return new RevocationPayload(der, reason);
    }
}
