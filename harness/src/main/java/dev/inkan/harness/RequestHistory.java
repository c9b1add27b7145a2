package dev.inkan.harness;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** What the mock servers were asked, per host name and kind, as challtestsrv keeps it for its history endpoints. */
final class RequestHistory {
    /** challtestsrv's event types, by the names /clear-request-history takes. */
    enum Kind {
        HTTP, DNS, TLSALPN;

        static Kind fromWire(String type) {
            return switch (type == null ? "" : type.toLowerCase(Locale.ROOT)) {
                case "http" -> HTTP;
                case "dns" -> DNS;
                case "tlsalpn" -> TLSALPN;
                default -> throw new IllegalArgumentException("\"" + type + "\" event type unknown");
            };
        }
    }

    private final Map<String, Map<Kind, List<Object>>> events = new HashMap<>();

    synchronized void addDns(DnsRequestEvent e) {
        add(e.name(), Kind.DNS, e);
    }

    synchronized void addHttp(HttpRequestEvent e) {
        add(hostWithoutPort(e.host()), Kind.HTTP, e);
    }

    synchronized void addTlsAlpn(TlsAlpnRequestEvent e) {
        add(e.serverName(), Kind.TLSALPN, e);
    }

    synchronized List<TlsAlpnRequestEvent> tlsAlpn(String host) {
        return list(host, Kind.TLSALPN, TlsAlpnRequestEvent.class);
    }

    synchronized List<DnsRequestEvent> dns(String host) {
        return list(host, Kind.DNS, DnsRequestEvent.class);
    }

    synchronized List<HttpRequestEvent> http(String host) {
        return list(host, Kind.HTTP, HttpRequestEvent.class);
    }

    synchronized void clear(String host, Kind kind) {
        Map<Kind, List<Object>> byKind = events.get(DnsNames.normalize(host));
        if (byKind != null) {
            byKind.remove(kind);
        }
    }

    private void add(String host, Kind kind, Object e) {
        events.computeIfAbsent(DnsNames.normalize(host), k -> new HashMap<>())
                .computeIfAbsent(kind, k -> new ArrayList<>())
                .add(e);
    }

    private <T> List<T> list(String host, Kind kind, Class<T> type) {
        Map<Kind, List<Object>> byKind = events.getOrDefault(DnsNames.normalize(host), Map.of());
        return byKind.getOrDefault(kind, List.of()).stream().map(type::cast).toList();
    }

    /** challtestsrv keys HTTP events by the Host header without any port. */
    static String hostWithoutPort(String host) {
        if (host == null) {
            return "";
        }
        if (host.startsWith("[")) {
            int end = host.indexOf(']');
            return end > 0 ? host.substring(1, end) : host;
        }
        int colon = host.indexOf(':');
        return colon >= 0 && host.indexOf(':', colon + 1) < 0 ? host.substring(0, colon) : host;
    }
}
