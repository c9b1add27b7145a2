package dev.inkan.acme;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.jose4j.jwk.PublicJsonWebKey;

/**
 * An ACME client over java.net.http, talking to the server on 127.0.0.1 while signing for the configured
 * base URL (as a client behind a TLS-terminating proxy would).
 */
public final class AcmeTestClient {
    public static final String JOSE_JSON = "application/jose+json";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String origin;
    private final String baseUrl;

    public AcmeTestClient(String origin, String baseUrl) {
        this.origin = origin;
        this.baseUrl = baseUrl;
    }

    /** The path of one of the server's absolute URLs. */
    public String pathOf(String url) {
        if (!url.startsWith(baseUrl)) {
            throw new IllegalArgumentException(url + " is not under " + baseUrl);
        }
        return url.substring(baseUrl.length());
    }

    public String url(String path) {
        return baseUrl + path;
    }

    public HttpResponse<String> get(String path) {
        return send(request(path).GET());
    }

    public HttpResponse<String> head(String path) {
        return send(request(path).method("HEAD", HttpRequest.BodyPublishers.noBody()));
    }

    public HttpResponse<String> post(String path, String contentType, String body) {
        return send(request(path).header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    public String nonce() {
        HttpResponse<String> r = head("/acme/new-nonce");
        assertEquals(200, r.statusCode());
        return r.headers().firstValue("Replay-Nonce").orElseThrow();
    }

    /** Posts the JWS, filling in url and nonce unless the test set them. */
    public HttpResponse<String> post(String path, TestJws jws) {
        if (!jws.has("url")) {
            jws.url(url(path));
        }
        if (!jws.has("nonce")) {
            jws.nonce(nonce());
        }
        return post(path, JOSE_JSON, jws.flattened());
    }

    public HttpResponse<String> postAsGet(String path, PublicJsonWebKey key, String kid) {
        return post(path, TestJws.signedBy(key).kid(kid));
    }

    public HttpResponse<String> postSigned(String path, PublicJsonWebKey key, String kid, JsonObject payload) {
        return post(path, TestJws.signedBy(key).kid(kid).payload(payload));
    }

    /** Registers the key and returns the account URL (the kid). */
    public String newAccount(PublicJsonWebKey key) {
        HttpResponse<String> r = post("/acme/new-account",
                TestJws.signedBy(key).jwk().payload(new JsonObject().put("termsOfServiceAgreed", true)));
        assertEquals(201, r.statusCode(), r.body());
        return r.headers().firstValue("Location").orElseThrow();
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(origin + path)).timeout(Duration.ofSeconds(10));
    }

    private HttpResponse<String> send(HttpRequest.Builder builder) {
        try {
            return http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
