package dev.inkan.validators.perspective;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;
import java.time.Duration;
import java.util.List;

/**
 * The primary's connections to its remote perspectives: one HTTPS client presenting the primary's certificate and
 * trusting only the perspectives' (mutual TLS), no connection reuse across checks.
 */
public final class RemotePerspectives {
    private final HttpClient client;
    private final List<RemotePerspective> all;

    private RemotePerspectives(HttpClient client, List<RemotePerspective> all) {
        this.client = client;
        this.all = all;
    }

    /** @param timeout per call; a remote that has not answered by then does not corroborate */
    public static RemotePerspectives connect(Vertx vertx, List<RemoteConfig> remotes, PerspectiveTls tls,
            Duration timeout) {
        if (remotes.isEmpty()) {
            return new RemotePerspectives(null, List.of());
        }
        HttpClient client = vertx.createHttpClient(new HttpClientOptions()
                .setSsl(true)
                .setVerifyHost(true)
                .setKeyCertOptions(new PemKeyCertOptions().setCertPath(tls.certPem()).setKeyPath(tls.keyPem()))
                .setTrustOptions(new PemTrustOptions().addCertPath(tls.trustPem()))
                .setKeepAlive(false)
                .setConnectTimeout((int) timeout.toMillis()));
        return new RemotePerspectives(client, remotes.stream()
                .map(r -> new RemotePerspective(vertx, client, r, timeout)).toList());
    }

    List<RemotePerspective> all() {
        return all;
    }

    public Future<Void> close() {
        return client == null ? Future.succeededFuture() : client.close();
    }
}
