package dev.inkan.acme.wire;

import dev.inkan.acme.problem.Problems;
import dev.inkan.core.model.Identifier;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * The newOrder payload (RFC 8555 §7.4) with the profile of draft-ietf-acme-profiles and the {@code replaces} of
 * RFC 9773 §5. Identifier policy (types, names, count) is the RA's; here only the shape.
 *
 * @param notBefore null when absent
 * @param notAfter  null when absent
 * @param profile   null when absent
 * @param replaces  the ARI CertID of the certificate the order renews; null when absent
 */
public record NewOrderPayload(List<Identifier> identifiers, Instant notBefore, Instant notAfter, String profile,
        String replaces) {
    public NewOrderPayload {
        identifiers = List.copyOf(identifiers);
    }

    public static NewOrderPayload parse(JsonObject payload) {
        return new NewOrderPayload(
                identifiers(payload.getValue("identifiers")),
                timestamp(payload, "notBefore"),
                timestamp(payload, "notAfter"),
                JsonFields.optionalString(payload, "profile"),
                JsonFields.optionalString(payload, "replaces"));
    }

    private static List<Identifier> identifiers(Object value) {
        if (!(value instanceof JsonArray array) || array.isEmpty()) {
            throw Problems.malformed("\"identifiers\" must be a non-empty array of identifier objects");
        }
        List<Identifier> out = new ArrayList<>(array.size());
        for (Object item : array) {
            if (!(item instanceof JsonObject id)) {
                throw Problems.malformed("each identifier must be an object with \"type\" and \"value\"");
            }
            out.add(new Identifier(JsonFields.requiredString(id, "type"), JsonFields.requiredString(id, "value")));
        }
        return out;
    }

    // RFC 8555 §7.4: notBefore and notAfter are RFC 3339 date-times
    private static Instant timestamp(JsonObject payload, String name) {
        String text = JsonFields.optionalString(payload, name);
        if (text == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            throw Problems.malformed("\"" + name + "\" must be an RFC 3339 date-time, got \"" + text + "\"");
        }
    }
}
