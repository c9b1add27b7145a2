package dev.inkan.app;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * How the operator commands reach a running CA: a POST to its loopback staff endpoint, with the address and the
 * bearer token the server wrote to {@code INKAN_HOME/admin.json} (owner-only) when it started.
 */
final class StaffEndpointClient {
    /** The status and the JSON body of an answer. */
    record Answer(int status, JsonObject body) {}

    private StaffEndpointClient() {}

    /** @param path below {@code /admin/}, e.g. {@code reseller/create} */
    static Answer post(Path adminFile, String path, JsonObject request) throws IOException {
        JsonObject admin = new JsonObject(Files.readString(adminFile));
        HttpRequest http = HttpRequest.newBuilder(URI.create(admin.getString("url") + "/admin/" + path))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + admin.getString("token"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(request.encode()))
                .build();
        try {
            HttpResponse<String> r = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()
                    .send(http, HttpResponse.BodyHandlers.ofString());
            return new Answer(r.statusCode(), new JsonObject(r.body()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
