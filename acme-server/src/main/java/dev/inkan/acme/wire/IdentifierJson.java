package dev.inkan.acme.wire;

import dev.inkan.core.model.Identifier;
import io.vertx.core.json.JsonObject;

/** An identifier object (RFC 8555 §7.1.3, §9.7.7). */
final class IdentifierJson {
    private IdentifierJson() {}

    static JsonObject of(Identifier identifier) {
        return new JsonObject().put("type", identifier.type()).put("value", identifier.value());
    }
}
