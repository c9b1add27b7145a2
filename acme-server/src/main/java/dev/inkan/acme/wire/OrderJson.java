package dev.inkan.acme.wire;

import dev.inkan.acme.problem.ProblemDocument;
import dev.inkan.core.model.Identifier;
import dev.inkan.core.model.Order;
import dev.inkan.core.model.OrderStatus;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;

/**
 * An order object (RFC 8555 §7.1.3), with the profile of draft-ietf-acme-profiles.
 *
 * @param certificate null unless valid
 * @param error       null unless invalid
 */
public record OrderJson(
        String status,
        Instant expires,
        List<Identifier> identifiers,
        Instant notBefore,
        Instant notAfter,
        List<String> authorizations,
        String finalizeUrl,
        String certificate,
        ProblemDocument error,
        String profile) {
    public OrderJson {
        identifiers = List.copyOf(identifiers);
        authorizations = List.copyOf(authorizations);
    }

    /** @param now an unfinished order past its expiry is shown {@code invalid} (RFC 8555 §7.1.6) */
    public static OrderJson of(Order order, AcmeUrls urls, Instant now) {
        boolean unfinished = order.status() == OrderStatus.PENDING || order.status() == OrderStatus.READY;
        OrderStatus status = unfinished && order.expires().isBefore(now) ? OrderStatus.INVALID : order.status();
        String certificate = order.status() == OrderStatus.VALID && order.certificateSerial() != null
                ? urls.certificate(order.certificateSerial())
                : null;
        ProblemDocument error = order.error() == null ? null : ProblemDocument.from(order.error());
        return new OrderJson(
                status.wire(),
                order.expires(),
                order.identifiers(),
                order.notBefore(),
                order.notAfter(),
                order.authorizationIds().stream().map(urls::authorization).toList(),
                urls.finalizeOrder(order.id()),
                certificate,
                error,
                order.profile());
    }

    public boolean isProcessing() {
        return OrderStatus.PROCESSING.wire().equals(status);
    }

    public JsonObject toJson() {
        JsonArray ids = new JsonArray();
        identifiers.forEach(i -> ids.add(IdentifierJson.of(i)));
        JsonObject json = new JsonObject()
                .put("status", status)
                .put("expires", expires.toString())
                .put("identifiers", ids);
        if (notBefore != null) {
            json.put("notBefore", notBefore.toString());
        }
        if (notAfter != null) {
            json.put("notAfter", notAfter.toString());
        }
        json.put("authorizations", new JsonArray(authorizations)).put("finalize", finalizeUrl);
        if (certificate != null) {
            json.put("certificate", certificate);
        }
        if (error != null) {
            json.put("error", error.toJson());
        }
        if (profile != null) {
            json.put("profile", profile);
        }
        return json;
    }
}
