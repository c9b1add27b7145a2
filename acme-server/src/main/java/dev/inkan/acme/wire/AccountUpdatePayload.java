package dev.inkan.acme.wire;

import dev.inkan.acme.problem.Problems;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * An account update (RFC 8555 §7.3.2) or deactivation (§7.3.6).
 *
 * @param contact null leaves the contacts unchanged
 */
public record AccountUpdatePayload(List<String> contact, boolean deactivate) {

    public static AccountUpdatePayload parse(JsonObject payload) {
        String status = JsonFields.optionalString(payload, "status");
        if (status != null && !status.equals("deactivated")) {
            throw Problems.malformed("an account's status can only be changed to \"deactivated\"");
        }
        return new AccountUpdatePayload(JsonFields.optionalStrings(payload, "contact"), status != null);
    }
}
