package dev.inkan.app.interop;

import java.net.http.HttpClient;
import javax.net.ssl.SSLContext;
import org.shredzone.acme4j.connector.NetworkSettings;
import org.shredzone.acme4j.provider.GenericAcmeProvider;

/** acme4j with the sandbox TLS root as its only trust anchor. */
final class SandboxProvider extends GenericAcmeProvider {
    private final SSLContext tls;

    SandboxProvider(SSLContext tls) {
        this.tls = tls;
    }

    @Override
    public HttpClient createHttpClient(NetworkSettings settings) {
        return HttpClient.newBuilder().sslContext(tls).connectTimeout(settings.getTimeout()).build();
    }
}
