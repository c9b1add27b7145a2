package dev.inkan.harness;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** The TLS-ALPN-01 key authorizations the responder answers with, by host name. Thread-safe. */
final class TlsAlpn01Responses {
    private final Map<String, String> byHost = new HashMap<>();

    synchronized void add(String host, String keyAuthorization) {
        byHost.put(DnsNames.normalize(host), keyAuthorization);
    }

    synchronized void delete(String host) {
        byHost.remove(DnsNames.normalize(host));
    }

    synchronized Optional<String> keyAuthorization(String host) {
        return Optional.ofNullable(byHost.get(DnsNames.normalize(host)));
    }
}
