package dev.inkan.validators.perspective;

import java.net.URI;
import java.util.Objects;

/**
 * One remote network perspective as the primary reaches it.
 *
 * @param name   what its results are recorded under, e.g. {@code apnic-tokyo}
 * @param url    its base URL, {@code https://host:port}; only mutually authenticated HTTPS is accepted
 * @param region its RIR service region (ARIN, RIPE NCC, APNIC, LACNIC, AFRINIC), for the BR's two-region rule
 */
public record RemoteConfig(String name, String url, String region) {
    public RemoteConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(url, "url");
        region = region == null ? "" : region.trim();
        url = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        if (!"https".equals(URI.create(url).getScheme())) {
            throw new IllegalArgumentException("a remote perspective is reached over HTTPS only (BR 3.2.2.9): " + url);
        }
    }
}
