package dev.inkan.validators;

import dev.inkan.dns.DnsConfig;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How this perspective checks domain control.
 *
 * @param resolvers             the DNS resolvers to ask, in order, as {@code ip:port} ({@code [v6]:port}); only
 *                              these are ever asked, never the system resolver
 * @param http01Port            the port http-01 connects to: 80 (RFC 8555 §8.3); the sandbox uses 5002 as Pebble does
 * @param tlsPort               the port tls-alpn-01 connects to: 443 (RFC 8737 §3)
 * @param allowPrivateAddresses whether a name may resolve to loopback, private or link-local addresses (the sandbox
 *                              resolves everything to 127.0.0.1; production never allows it)
 * @param dnsTimeout            per query and resolver
 * @param httpTimeout           for a whole http-01 fetch, redirects included
 * @param perspective           the name this perspective records, {@code primary} for the local one
 * @param profile               {@value #SANDBOX} or {@value #PRODUCTION}; production holds the BR to the letter:
 *                              http-01 on 80 and tls-alpn-01 on 443 (BR 1.6.1 Authorized Ports, RFC 8555 §8.3,
 *                              RFC 8737 §3), redirects only to 80 and 443, no reserved addresses, DNSSEC validated
 * @param dnssecTrustAnchors    "" for no DNSSEC validation (the sandbox's mock DNS is unsigned);
 *                              {@value #IANA_ROOT} for the IANA root trust anchors shipped with Inkan; or the path
 *                              of a file of DS or DNSKEY records in zone-file form
 */
public record ValidatorConfig(
        List<String> resolvers,
        int http01Port,
        int tlsPort,
        boolean allowPrivateAddresses,
        Duration dnsTimeout,
        Duration httpTimeout,
        String perspective,
        String profile,
        String dnssecTrustAnchors) {
    public static final String PRIMARY = "primary";
    public static final String SANDBOX = "sandbox";
    public static final String PRODUCTION = "production";
    public static final String IANA_ROOT = DnsConfig.IANA_ROOT;

    public ValidatorConfig {
        resolvers = List.copyOf(resolvers);
        if (resolvers.isEmpty()) {
            throw new IllegalArgumentException("at least one DNS resolver is needed");
        }
        resolvers.forEach(DnsConfig::resolverAddress);
        Objects.requireNonNull(dnsTimeout, "dnsTimeout");
        Objects.requireNonNull(httpTimeout, "httpTimeout");
        Objects.requireNonNull(perspective, "perspective");
        profile = profile == null || profile.isBlank() ? SANDBOX : profile.trim();
        dnssecTrustAnchors = dnssecTrustAnchors == null ? "" : dnssecTrustAnchors.trim();
        if (!profile.equals(SANDBOX) && !profile.equals(PRODUCTION)) {
            throw new IllegalArgumentException("validation profile must be " + SANDBOX + " or " + PRODUCTION
                    + ", not \"" + profile + "\"");
        }
        if (profile.equals(PRODUCTION)) {
            if (http01Port != 80 || tlsPort != 443) {
                throw new IllegalArgumentException("the production profile validates http-01 on port 80 and"
                        + " tls-alpn-01 on port 443 (BR 1.6.1 Authorized Ports), not " + http01Port + " and " + tlsPort);
            }
            if (allowPrivateAddresses) {
                throw new IllegalArgumentException("the production profile never connects to reserved addresses"
                        + " (BR 3.2.2.4.19, IANA special-purpose registries); allowPrivateAddresses must be false");
            }
            if (dnssecTrustAnchors.isEmpty()) {
                throw new IllegalArgumentException("the production profile validates DNSSEC to the IANA root"
                        + " (BR 3.2.2.4, 3.2.2.8.1 since 2026-03-15); set dnssecTrustAnchors to \"" + IANA_ROOT + "\"");
            }
        }
    }

    /** A sandbox configuration without DNSSEC validation. */
    public ValidatorConfig(List<String> resolvers, int http01Port, int tlsPort, boolean allowPrivateAddresses,
            Duration dnsTimeout, Duration httpTimeout, String perspective) {
        this(resolvers, http01Port, tlsPort, allowPrivateAddresses, dnsTimeout, httpTimeout, perspective, SANDBOX, "");
    }

    public boolean production() {
        return PRODUCTION.equals(profile);
    }

    /**
     * Production: ports 80 and 443, public addresses only, DNSSEC validated to the IANA root, 5 s per DNS query,
     * 10 s per http-01 fetch.
     */
    public static ValidatorConfig defaults(List<String> resolvers) {
        return new ValidatorConfig(resolvers, 80, 443, false, Duration.ofSeconds(5), Duration.ofSeconds(10), PRIMARY,
                PRODUCTION, IANA_ROOT);
    }

    /** The sandbox: the harness's DNS at 127.0.0.1:8053, http-01 on 5002 and tls-alpn-01 on 5001 as Pebble does. */
    public static ValidatorConfig sandbox() {
        return new ValidatorConfig(List.of("127.0.0.1:8053"), 5002, 5001, true,
                Duration.ofSeconds(5), Duration.ofSeconds(10), PRIMARY);
    }

    public ValidatorConfig withResolvers(List<String> r) {
        return new ValidatorConfig(r, http01Port, tlsPort, allowPrivateAddresses, dnsTimeout, httpTimeout, perspective,
                profile, dnssecTrustAnchors);
    }

    public ValidatorConfig withHttp01Port(int port) {
        return new ValidatorConfig(resolvers, port, tlsPort, allowPrivateAddresses, dnsTimeout, httpTimeout, perspective,
                profile, dnssecTrustAnchors);
    }

    public ValidatorConfig withTimeouts(Duration dns, Duration http) {
        return new ValidatorConfig(resolvers, http01Port, tlsPort, allowPrivateAddresses, dns, http, perspective,
                profile, dnssecTrustAnchors);
    }

    public ValidatorConfig withDnssecTrustAnchors(String anchors) {
        return new ValidatorConfig(resolvers, http01Port, tlsPort, allowPrivateAddresses, dnsTimeout, httpTimeout,
                perspective, profile, anchors);
    }

    /**
     * BR 3.2.2.4.19: redirects only to the Authorized Ports 80 and 443. The sandbox's http-01 and tls ports stand in
     * for those two (Pebble's 5002 and 5001); production allows exactly 80 and 443.
     */
    public java.util.Set<Integer> redirectPorts() {
        return production() ? java.util.Set.of(80, 443) : java.util.Set.copyOf(List.of(80, 443, http01Port, tlsPort));
    }

    /** What the DNS resolver of this perspective asks, and how. */
    public DnsConfig dns() {
        return new DnsConfig(resolvers, dnsTimeout, dnssecTrustAnchors);
    }
}
