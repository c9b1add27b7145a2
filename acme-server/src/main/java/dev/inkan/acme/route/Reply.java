package dev.inkan.acme.route;

import io.vertx.core.AsyncResult;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A successful answer, built by a resource handler and written in one place; failures take the
 * problem path instead.
 *
 * @param contentType null for an empty body
 * @param body        null for an empty body
 */
record Reply(int status, String contentType, Buffer body, List<Map.Entry<String, String>> headers) {
    static final String JSON = "application/json";
    static final String PEM_CHAIN = "application/pem-certificate-chain";
    // RFC 8555 §7.4 and §8.2: how long a client should wait before polling a processing order or challenge.
    // Validation and issuance take well under a second here; clients such as acme4j honour it exactly, so a
    // longer value only adds latency (bench, 4 clients: p90 order latency 3.4 s at 3 s, 0.4-1.2 s at 1 s).
    static final int RETRY_AFTER_SECONDS = 1;

    Reply {
        headers = List.copyOf(headers);
    }

    static Reply json(int status, JsonObject json) {
        return new Reply(status, JSON, json.toBuffer(), List.of());
    }

    static Reply text(int status, String contentType, String body) {
        return new Reply(status, contentType, Buffer.buffer(body), List.of());
    }

    static Reply empty(int status) {
        return new Reply(status, null, null, List.of());
    }

    Reply header(String name, String value) {
        List<Map.Entry<String, String>> more = new ArrayList<>(headers);
        more.add(Map.entry(name, value));
        return new Reply(status, contentType, body, more);
    }

    Reply location(String url) {
        return header("Location", url);
    }

    /** An RFC 8288 link, e.g. rel "up" from a challenge to its authorization. */
    Reply link(String url, String rel) {
        return header("Link", "<" + url + ">;rel=\"" + rel + "\"");
    }

    Reply retryAfterIf(boolean processing) {
        return processing ? header("Retry-After", Integer.toString(RETRY_AFTER_SECONDS)) : this;
    }

    /** Writes a reply, or hands a failure to the problem responder. */
    static void send(RoutingContext ctx, AsyncResult<Reply> result) {
        if (result.failed()) {
            ctx.fail(result.cause());
            return;
        }
        result.result().writeTo(ctx.response());
    }

    private void writeTo(HttpServerResponse response) {
        headers.forEach(h -> response.headers().add(h.getKey(), h.getValue()));
        response.setStatusCode(status);
        if (body == null) {
            response.end();
            return;
        }
        response.putHeader("Content-Type", contentType).end(body);
    }
}
