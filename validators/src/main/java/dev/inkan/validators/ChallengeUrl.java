package dev.inkan.validators;

import dev.inkan.core.error.CaException;
import dev.inkan.core.error.ErrorKind;
import dev.inkan.dns.DnsResolver;
import java.net.URI;
import java.util.Locale;
import java.util.Set;
import org.xbill.DNS.Address;

/** A URL the http-01 check fetches: the challenge URL (RFC 8555 §8.3) or a redirect target we agreed to follow. */
record ChallengeUrl(boolean https, String host, int port, String pathAndQuery) {
    static final String WELL_KNOWN = "/.well-known/acme-challenge/";

    /** RFC 8555 §8.3: http://{domain}/.well-known/acme-challenge/{token}, on port 80 (or the sandbox's port). */
    static ChallengeUrl initial(String name, int port, String token) {
        return new ChallengeUrl(false, name, port, WELL_KNOWN + token);
    }

    /**
     * The target of a redirect from this URL. Only http and https, only to a DNS name (never a bare IP address), and
     * only to the ports the CA connects to for validation (see {@link Http01Context#redirectPorts()}).
     */
    ChallengeUrl redirect(String location, Set<Integer> allowedPorts) {
        URI target;
        try {
            target = URI.create(toString()).resolve(location.trim());
        } catch (IllegalArgumentException e) {
            throw refused(location, "it is not a valid URL");
        }
        String scheme = target.getScheme() == null ? "" : target.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw refused(location, "only http and https redirects are followed");
        }
        String h = hostOf(target);
        if (h.isEmpty()) {
            throw refused(location, "it has no host");
        }
        if (h.startsWith("[") || Address.isDottedQuad(h) || Address.toByteArray(h, Address.IPv6) != null) {
            throw refused(location, "redirects to a bare IP address are not followed");
        }
        boolean toHttps = scheme.equals("https");
        int p = target.getPort() >= 0 ? target.getPort() : toHttps ? 443 : 80;
        if (!allowedPorts.contains(p)) {
            throw refused(location, "port " + p + " is not one of " + allowedPorts);
        }
        String path = target.getRawPath() == null || target.getRawPath().isEmpty() ? "/" : target.getRawPath();
        String query = target.getRawQuery() == null ? "" : "?" + target.getRawQuery();
        return new ChallengeUrl(toHttps, h, p, path + query);
    }

    private static String hostOf(URI u) {
        if (u.getHost() != null) {
            return DnsResolver.normalize(u.getHost());
        }
        // java.net.URI leaves host null for names it dislikes (an underscore, say); read the authority instead.
        String auth = u.getRawAuthority() == null ? "" : u.getRawAuthority();
        auth = auth.substring(auth.indexOf('@') + 1);
        int colon = auth.lastIndexOf(':');
        if (colon >= 0 && !auth.endsWith("]")) {
            auth = auth.substring(0, colon);
        }
        return DnsResolver.normalize(auth);
    }

    private static CaException refused(String location, String why) {
        return new CaException(ErrorKind.CONNECTION,
                "Refused to follow the redirect to \"" + Excerpt.of(location) + "\": " + why);
    }

    @Override
    public String toString() {
        boolean defaultPort = https ? port == 443 : port == 80;
        return (https ? "https://" : "http://") + host + (defaultPort ? "" : ":" + port) + pathAndQuery;
    }
}
