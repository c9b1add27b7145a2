package dev.inkan.orderapi;

import io.vertx.core.json.JsonObject;

/**
 * An answer before it is written, so that the first answer to an {@code Idempotency-Key} can be stored and replayed.
 *
 * @param location the Location header, or null
 */
record Reply(int status, String contentType, String body, String location) {
    static final String JSON = "application/json";
    static final String PROBLEM = "application/problem+json";
    static final String PEM_CHAIN = "application/pem-certificate-chain";

    static Reply json(int status, JsonObject body) {
        return new Reply(status, JSON, body.encode(), null);
    }

    static Reply created(JsonObject body, String location) {
        return new Reply(201, JSON, body.encode(), location);
    }
}
