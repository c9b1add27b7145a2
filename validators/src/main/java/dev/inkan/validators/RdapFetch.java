package dev.inkan.validators;

import dev.inkan.core.error.CaException;
import dev.inkan.core.error.ErrorKind;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;

/**
 * GETs a JSON document (the RDAP bootstrap file, an RDAP answer) with a timeout and a size cap. Unlike http-01 the
 * server's certificate is checked: the answer is only worth what its source is.
 */
final class RdapFetch {
    private static final int MAX_BODY = 4 * 1024 * 1024;

    private final HttpClient client;
    private final long timeoutMs;

    RdapFetch(HttpClient client, long timeoutMs) {
        this.client = client;
        this.timeoutMs = timeoutMs;
    }

    /** The JSON at {@code url}; a 404 is an empty object with {@code errorCode} 404. */
    Future<JsonObject> json(String url) {
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.GET).setAbsoluteURI(url)
                .setTimeout(timeoutMs).putHeader("Accept", "application/rdap+json, application/json");
        return client.request(options)
                .compose(req -> req.send())
                .compose(res -> res.body().map(body -> answer(url, res.statusCode(), body)))
                .recover(e -> Future.failedFuture(e instanceof CaException ? e : new CaException(ErrorKind.CONNECTION,
                        "Fetching " + url + " failed: " + e.getMessage())));
    }

    private static JsonObject answer(String url, int status, Buffer body) {
        if (status == 404) {
            return new JsonObject().put("errorCode", 404);
        }
        if (status != 200 || body.length() > MAX_BODY) {
            throw new CaException(ErrorKind.CONNECTION, "Fetching " + url + ": HTTP " + status);
        }
        try {
            return body.toJsonObject();
        } catch (DecodeException e) {
            throw new CaException(ErrorKind.CONNECTION, "Fetching " + url + ": not JSON");
        }
    }
}
