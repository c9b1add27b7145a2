package dev.inkan.validators;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import java.time.Clock;
import java.util.Set;

/** What every http-01 attempt shares: the client, address resolution and policy, the config and the clock. */
record Http01Context(
        Vertx vertx, HttpClient client, HostAddresses addresses, ValidatorConfig config, Clock clock) {

    Set<Integer> redirectPorts() {
        return config.redirectPorts();
    }
}
