package dev.inkan.app.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.inkan.orderapi.OrderApi;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.validation.ResponseValidator;
import io.vertx.openapi.validation.ValidatableResponse;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A client of the sandbox's reseller order API that checks every answer against the OpenAPI document the server
 * serves: status, declared headers and body schema (vertx-openapi's response validator), and the real media type
 * (problems are {@code application/problem+json}).
 */
final class ResellerApi {
    /** One answer, already validated. */
    record Answer(int status, Map<String, String> headers, String body) {
        JsonObject json() {
            return new JsonObject(body);
        }

        String header(String name) {
            return headers.get(name.toLowerCase(java.util.Locale.ROOT));
        }
    }

    private final String base;
    private final HttpClient http;
    private final ResponseValidator validator;
    private final Vertx vertx;

    private ResellerApi(String base, HttpClient http, Vertx vertx, ResponseValidator validator) {
        this.base = base;
        this.http = http;
        this.vertx = vertx;
        this.validator = validator;
    }

    static ResellerApi of(SandboxServer server) throws Exception {
        HttpClient http = HttpClient.newBuilder().sslContext(Pem.trusting(server.tlsRoot()))
                .connectTimeout(Duration.ofSeconds(10)).build();
        HttpResponse<String> doc = firstAnswer(http, HttpRequest.newBuilder(
                URI.create(server.orderApiUrl() + "/openapi.json")).timeout(Duration.ofSeconds(30)).build());
        assertEquals(200, doc.statusCode(), doc.body());
        JsonObject served = new JsonObject(doc.body());
        assertEquals("3.1.0", served.getString("openapi"));
        Vertx vertx = Vertx.vertx();
        OpenAPIContract contract = OpenAPIContract.from(vertx, OrderApi.validating(served)).toCompletionStage()
                .toCompletableFuture().get(60, TimeUnit.SECONDS);
        return new ResellerApi(server.orderApiUrl(), http, vertx, ResponseValidator.create(vertx, contract));
    }

    /**
     * The document, retrying a connection that fails as a client does: on a loaded machine a first connect can time
     * out or be cut while the listener is up.
     */
    private static HttpResponse<String> firstAnswer(HttpClient http, HttpRequest request) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (true) {
            try {
                return http.send(request, HttpResponse.BodyHandlers.ofString());
            } catch (java.net.ConnectException | java.net.http.HttpConnectTimeoutException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(500);
            }
        }
    }

    void close() {
        vertx.close();
    }

    Answer get(String operationId, String path, String key) throws Exception {
        return send(operationId, "GET", path, key, null, Map.of());
    }

    Answer post(String operationId, String path, String key, JsonObject body) throws Exception {
        return send(operationId, "POST", path, key, body, Map.of());
    }

    Answer post(String operationId, String path, String key, JsonObject body, String idempotencyKey) throws Exception {
        return send(operationId, "POST", path, key, body, Map.of("Idempotency-Key", idempotencyKey));
    }

    Answer put(String operationId, String path, String key, JsonObject body) throws Exception {
        return send(operationId, "PUT", path, key, body, Map.of());
    }

    Answer send(String operationId, String method, String path, String key, JsonObject body,
            Map<String, String> extra) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60));
        if (key != null) {
            b.header("Authorization", "Bearer " + key);
        }
        extra.forEach(b::header);
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body.encode()));
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        Map<String, String> headers = new HashMap<>();
        r.headers().map().forEach((k, v) -> headers.put(k.toLowerCase(java.util.Locale.ROOT), v.get(0)));
        Answer a = new Answer(r.statusCode(), headers, r.body());
        validate(operationId, method + " " + path, a);
        return a;
    }

    private void validate(String operationId, String what, Answer a) throws Exception {
        String type = a.header("content-type");
        if (a.status() >= 400) {
            assertEquals("application/problem+json", type, what + " answered " + a.status() + " without a problem: " + a.body());
            JsonObject p = a.json();
            assertEquals(a.status(), p.getInteger("status"), a.body());
            assertTrue(p.getString("type").startsWith("urn:"), a.body());
        }
        Map<String, String> declared = new HashMap<>();
        for (String h : new String[] {"Location", "Retry-After", "WWW-Authenticate"}) {
            if (a.header(h) != null) {
                declared.put(h, a.header(h));
            }
        }
        // The validator checks JSON bodies only: the problem and PEM types map onto application/json as in
        // OrderApi.validating, and the PEM chain, a string in the document, goes over as a JSON string.
        boolean pem = type != null && type.startsWith("application/pem-certificate-chain");
        String validatorType = type == null ? null
                : type.startsWith("application/problem+json") || pem ? "application/json" : type;
        Buffer body = Buffer.buffer(pem ? io.vertx.core.json.Json.encode(a.body()) : a.body());
        ValidatableResponse response = a.body().isEmpty()
                ? ValidatableResponse.create(a.status(), declared)
                : ValidatableResponse.create(a.status(), declared, body, validatorType);
        try {
            validator.validate(response, operationId).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new AssertionError(what + " (" + operationId + ") answered " + a.status()
                    + " outside the OpenAPI document: " + e.getCause().getMessage() + "\n" + a.body(), e.getCause());
        }
    }
}
