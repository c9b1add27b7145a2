package dev.inkan.ct;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

/**
 * RFC 6962 §4.1 and §4.2 submissions over HTTP, retried with a timeout per try and a doubling backoff. Retried:
 * network errors, timeouts, 429 and 5xx answers; a 4xx answer is the log's refusal and final.
 */
public final class CtLogClient {
    private final Vertx vertx;
    private final WebClient client;
    private final CtSubmitterConfig config;

    public CtLogClient(Vertx vertx, CtSubmitterConfig config) {
        this.vertx = vertx;
        this.config = config;
        this.client = WebClient.create(vertx, new WebClientOptions()
                .setUserAgent("inkan-ct-submitter")
                .setConnectTimeout((int) config.attemptTimeout().toMillis()));
    }

    /** add-pre-chain: the precertificate then its issuer. */
    public Future<SignedCertificateTimestamp> addPreChain(CtLog log, List<byte[]> chain) {
        return submit(log, "ct/v1/add-pre-chain", chain, config.attempts());
    }

    /** add-chain: the certificate then its issuer. */
    public Future<SignedCertificateTimestamp> addChain(CtLog log, List<byte[]> chain, int attempts) {
        return submit(log, "ct/v1/add-chain", chain, attempts);
    }

    public Future<Void> close() {
        client.close();
        return Future.succeededFuture();
    }

    private Future<SignedCertificateTimestamp> submit(CtLog log, String path, List<byte[]> chain, int attempts) {
        JsonArray encoded = new JsonArray();
        chain.forEach(c -> encoded.add(Base64.getEncoder().encodeToString(c)));
        JsonObject body = new JsonObject().put("chain", encoded);
        return attempt(log.submissionUrl() + path, body, 1, attempts, config.backoff());
    }

    private Future<SignedCertificateTimestamp> attempt(String url, JsonObject body, int n, int attempts,
            Duration backoff) {
        return client.postAbs(url)
                .timeout(config.attemptTimeout().toMillis())
                .sendJsonObject(body)
                .transform(ar -> {
                    if (ar.succeeded() && ar.result().statusCode() == 200) {
                        return parsed(ar.result());
                    }
                    boolean retryable = ar.failed() || ar.result().statusCode() == 429 || ar.result().statusCode() >= 500;
                    String why = ar.failed() ? String.valueOf(ar.cause().getMessage())
                            : "HTTP " + ar.result().statusCode() + " " + snippet(ar.result());
                    if (!retryable || n >= attempts) {
                        return Future.failedFuture(new LogFailure(why + (n > 1 ? " (after " + n + " tries)" : "")));
                    }
                    return later(backoff).compose(v -> attempt(url, body, n + 1, attempts, backoff.multipliedBy(2)));
                });
    }

    private static Future<SignedCertificateTimestamp> parsed(HttpResponse<Buffer> r) {
        try {
            return Future.succeededFuture(SignedCertificateTimestamp.fromJson(r.bodyAsJsonObject()));
        } catch (RuntimeException e) {
            return Future.failedFuture(new LogFailure("unparsable answer: " + e.getMessage()));
        }
    }

    private static String snippet(HttpResponse<Buffer> r) {
        String body = r.bodyAsString();
        if (body == null) {
            return "";
        }
        body = body.strip();
        return body.length() > 120 ? body.substring(0, 120) + "..." : body;
    }

    private Future<Void> later(Duration delay) {
        Promise<Void> p = Promise.promise();
        vertx.setTimer(Math.max(1, delay.toMillis()), id -> p.complete());
        return p.future();
    }

    /** Why one log gave no SCT, in words for the order's error. */
    static final class LogFailure extends RuntimeException {
        LogFailure(String message) {
            super(message, null, false, false);
        }
    }
}
