package dev.inkan.app;

import dev.inkan.validators.perspective.PerspectiveTls;
import dev.inkan.validators.perspective.RemoteConfig;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Multi-perspective issuance corroboration (BR 3.2.2.9), both sides.
 *
 * @param remotes   the remote perspectives the primary asks ({@code validation.remotePerspectives}); empty in the
 *                  plain sandbox
 * @param clientTls the primary's certificate, key and the remotes' certificates it trusts, or null without remotes
 * @param timeout   per remote call
 * @param name      this process's name when it runs as a remote perspective ({@code inkan perspective})
 * @param listen    where a remote perspective listens
 * @param serverTls a remote perspective's certificate, key and the primary's certificate it trusts, or null
 */
record PerspectiveSettings(
        List<RemoteConfig> remotes,
        PerspectiveTls clientTls,
        Duration timeout,
        String name,
        Settings.Listener listen,
        PerspectiveTls serverTls) {

    static PerspectiveSettings from(JsonObject validation, JsonObject perspective) {
        List<RemoteConfig> remotes = new ArrayList<>();
        JsonArray list = validation.getJsonArray("remotePerspectives", new JsonArray());
        for (int i = 0; i < list.size(); i++) {
            Object o = list.getValue(i);
            if (!(o instanceof JsonObject r)) {
                throw new IllegalArgumentException("validation.remotePerspectives[" + i
                        + "] must be an object {name, url, region}");
            }
            remotes.add(new RemoteConfig(r.getString("name"), r.getString("url"), r.getString("region", "")));
        }
        PerspectiveTls client = tls(validation.getString("perspectiveCert", ""),
                validation.getString("perspectiveKey", ""), validation.getString("perspectiveTrust", ""));
        if (!remotes.isEmpty() && client == null) {
            throw new IllegalArgumentException("validation.remotePerspectives needs validation.perspectiveCert,"
                    + " perspectiveKey and perspectiveTrust: the primary and the remotes authenticate each other");
        }
        JsonObject p = perspective == null ? new JsonObject() : perspective;
        return new PerspectiveSettings(remotes, client,
                Duration.ofMillis(validation.getLong("perspectiveTimeoutMillis", 20_000L)),
                p.getString("name", "remote"),
                Settings.Listener.parse("perspective.listen", p.getString("listen", "127.0.0.1:15001")),
                tls(p.getString("cert", ""), p.getString("key", ""), p.getString("clientTrust", "")));
    }

    private static PerspectiveTls tls(String cert, String key, String trust) {
        if (cert.isBlank() && key.isBlank() && trust.isBlank()) {
            return null;
        }
        if (cert.isBlank() || key.isBlank() || trust.isBlank()) {
            throw new IllegalArgumentException("perspective TLS needs a certificate, a key and a trust file, all three");
        }
        return new PerspectiveTls(cert, key, trust);
    }
}
