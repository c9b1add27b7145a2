package dev.inkan.validators;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import java.time.Clock;
import java.util.List;
import java.util.Set;

/** What every http-01 attempt shares: the client, our resolver, the address policy, the config and the clock. */
record Http01Context(
        Vertx vertx, HttpClient client, DnsResolver resolver, AddressPolicy addressPolicy, ValidatorConfig config,
        Clock clock) {

    /**
     * BR 3.2.2.4.19 allows redirects only to ports 80 and 443; the configured http-01 and tls ports are those two
     * in production, and stand in for them in the sandbox (Pebble's 5002 and 5001).
     */
    Set<Integer> redirectPorts() {
        return Set.copyOf(List.of(80, 443, config.http01Port(), config.tlsPort()));
    }
}
