package dev.inkan.validators.perspective;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One remote network perspective as the primary reaches it.
 *
 * @param name   what its results are recorded under, e.g. {@code apnic-tokyo}
 * @param url    its base URL, {@code https://host:port}; only mutually authenticated HTTPS is accepted
 * @param region its RIR service region (ARIN, RIPE NCC, APNIC, LACNIC, AFRINIC), for the BR's two-region rule;
 *               required, since a perspective whose region is unknown cannot count towards that rule
 */
public record RemoteConfig(String name, String url, String region) {
    /** The five Regional Internet Registries' service regions (BR 1.6.1 "RIR service region"). */
    public static final List<String> RIR_REGIONS = List.of("AFRINIC", "APNIC", "ARIN", "LACNIC", "RIPE NCC");

    public RemoteConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(url, "url");
        region = rirRegion(name, region);
        url = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        if (!"https".equals(URI.create(url).getScheme())) {
            throw new IllegalArgumentException("a remote perspective is reached over HTTPS only (BR 3.2.2.9): " + url);
        }
    }

    private static String rirRegion(String name, String region) {
        String r = region == null ? "" : region.trim().toUpperCase(Locale.ROOT);
        if (r.equals("RIPE")) {
            r = "RIPE NCC";
        }
        if (!RIR_REGIONS.contains(r)) {
            throw new IllegalArgumentException("remote perspective " + name + " needs its RIR service region, one of "
                    + RIR_REGIONS + " (BR 3.2.2.9 counts regions among the corroborating perspectives), not \""
                    + (region == null ? "" : region) + "\"");
        }
        return r;
    }
}
