package dev.inkan.dns;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.xbill.DNS.Address;

/**
 * Which resolvers to ask and how.
 *
 * @param resolvers          the DNS resolvers to ask, in order, as {@code ip:port} ({@code [v6]:port}); only these
 *                           are ever asked, never the system resolver
 * @param timeout            per query and resolver
 * @param dnssecTrustAnchors "" for no DNSSEC validation (the sandbox's mock DNS is unsigned); {@value #IANA_ROOT}
 *                           for the IANA root trust anchors shipped with Inkan; or the path of a file of DS or DNSKEY
 *                           records in zone-file form
 */
public record DnsConfig(List<String> resolvers, Duration timeout, String dnssecTrustAnchors) {
    public static final String IANA_ROOT = "iana";

    public DnsConfig {
        resolvers = List.copyOf(resolvers);
        if (resolvers.isEmpty()) {
            throw new IllegalArgumentException("at least one DNS resolver is needed");
        }
        resolvers.forEach(DnsConfig::resolverAddress);
        Objects.requireNonNull(timeout, "timeout");
        dnssecTrustAnchors = dnssecTrustAnchors == null ? "" : dnssecTrustAnchors.trim();
    }

    List<InetSocketAddress> resolverAddresses() {
        return resolvers.stream().map(DnsConfig::resolverAddress).toList();
    }

    /** {@code ip}, {@code ip:port} or {@code [v6]:port}; an IP literal only, so no lookup is needed to find it. */
    public static InetSocketAddress resolverAddress(String spec) {
        String s = spec.trim();
        String host = s;
        int port = 53;
        if (s.startsWith("[")) {
            int end = s.indexOf(']');
            host = s.substring(1, end);
            if (s.length() > end + 1) {
                port = Integer.parseInt(s.substring(end + 2));
            }
        } else if (s.indexOf(':') >= 0 && s.indexOf(':') == s.lastIndexOf(':')) {
            host = s.substring(0, s.indexOf(':'));
            port = Integer.parseInt(s.substring(s.indexOf(':') + 1));
        }
        byte[] bytes = Address.toByteArray(host, Address.IPv4);
        if (bytes == null) {
            bytes = Address.toByteArray(host, Address.IPv6);
        }
        if (bytes == null) {
            throw new IllegalArgumentException("a DNS resolver must be an IP address (with an optional port): " + spec);
        }
        try {
            return new InetSocketAddress(InetAddress.getByAddress(bytes), port);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("bad resolver address " + spec, e);
        }
    }
}
