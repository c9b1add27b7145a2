package dev.inkan.harness;

import java.util.Objects;

/**
 * Where the harness listens and what its mock DNS answers by default.
 *
 * @param dns         the DNS server (UDP and TCP), or null for none; default 127.0.0.1:8053
 * @param management  the challtestsrv-style management API, or null for none; default 127.0.0.1:8055
 * @param http01      the HTTP-01 responder, or null for none (the default: an ACME client's own standalone server
 *                    usually wants Pebble's port 5002)
 * @param defaultIPv4 the answer to every A query without a record of its own; "" for none; default 127.0.0.1
 * @param defaultIPv6 the answer to every AAAA query without a record of its own; "" (the default) for none
 */
public record HarnessConfig(Bind dns, Bind management, Bind http01, String defaultIPv4, String defaultIPv6) {
    public static final String LOOPBACK = "127.0.0.1";

    public HarnessConfig {
        defaultIPv4 = defaultIPv4 == null ? "" : defaultIPv4.trim();
        defaultIPv6 = defaultIPv6 == null ? "" : defaultIPv6.trim();
    }

    /** DNS on 127.0.0.1:8053, management on 127.0.0.1:8055, no HTTP-01 responder, A 127.0.0.1, no AAAA. */
    public static HarnessConfig defaults() {
        return new HarnessConfig(new Bind(LOOPBACK, 8053), new Bind(LOOPBACK, 8055), null, LOOPBACK, "");
    }

    /** Every listener, the HTTP-01 responder included, on a free port of 127.0.0.1: for tests. */
    public static HarnessConfig ephemeral() {
        return new HarnessConfig(new Bind(LOOPBACK, 0), new Bind(LOOPBACK, 0), new Bind(LOOPBACK, 0), LOOPBACK, "");
    }

    public HarnessConfig withHttp01(Bind bind) {
        return new HarnessConfig(dns, management, bind, defaultIPv4, defaultIPv6);
    }

    /**
     * One listen address. The harness answers anyone who can reach it, so it never binds to every interface:
     * an empty host (challtestsrv's {@code :8053}) means 127.0.0.1 and a wildcard address is refused.
     *
     * @param port 0 for a free port
     */
    public record Bind(String host, int port) {
        public Bind {
            Objects.requireNonNull(host, "host");
            host = host.isBlank() ? LOOPBACK : stripBrackets(host.trim());
            if (host.equals("0.0.0.0") || host.equals("::")) {
                throw new IllegalArgumentException("refusing to listen on every interface (" + host
                        + "): the harness answers anyone who reaches it; use 127.0.0.1");
            }
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port out of range: " + port);
            }
        }

        /** challtestsrv's flag syntax: {@code 127.0.0.1:8053}, {@code [::1]:8053}, {@code :8053}; "" is none (null). */
        public static Bind parse(String address) {
            String a = address == null ? "" : address.trim();
            if (a.isEmpty()) {
                return null;
            }
            int colon = a.lastIndexOf(':');
            if (colon < 0) {
                throw new IllegalArgumentException("expected host:port, got " + address);
            }
            try {
                return new Bind(a.substring(0, colon), Integer.parseInt(a.substring(colon + 1)));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("expected host:port, got " + address, e);
            }
        }

        private static String stripBrackets(String h) {
            return h.startsWith("[") && h.endsWith("]") ? h.substring(1, h.length() - 1) : h;
        }

        @Override
        public String toString() {
            return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
        }
    }
}
