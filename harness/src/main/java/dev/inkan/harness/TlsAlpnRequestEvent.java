package dev.inkan.harness;

import java.time.Instant;
import java.util.List;

/** One TLS-ALPN-01 handshake the responder saw: the SNI name and the ALPN protocols the client offered. */
public record TlsAlpnRequestEvent(String serverName, List<String> supportedProtos, Instant at) {
    public TlsAlpnRequestEvent {
        supportedProtos = List.copyOf(supportedProtos);
    }
}
