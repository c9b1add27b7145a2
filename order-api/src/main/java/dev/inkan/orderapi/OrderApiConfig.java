package dev.inkan.orderapi;

import java.time.Duration;
import java.util.Objects;

/**
 * @param baseUrl           the API's public base, e.g. {@code https://localhost:14443}; object URLs hang off it
 * @param acmeAccountPrefix the ACME account URL without the id, the RFC 8657 accounturi of customers' accounts
 * @param syncInterval      how often orders the CA still moves are followed up
 * @param webhookAttempts   delivery attempts per event before it is marked failed
 * @param webhookBackoff    the wait after the first failed attempt; it doubles after each
 * @param webhookTimeout    how long one POST to a webhook may take
 * @param privateWebhooks   whether webhooks may point at loopback and private addresses (the sandbox's receivers)
 * @param reminderLead      how long before expiry the reminder goes out (at most a third of the lifetime)
 */
public record OrderApiConfig(
        String baseUrl,
        String acmeAccountPrefix,
        Duration syncInterval,
        int webhookAttempts,
        Duration webhookBackoff,
        Duration webhookTimeout,
        boolean privateWebhooks,
        Duration reminderLead) {
    public OrderApiConfig {
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(acmeAccountPrefix, "acmeAccountPrefix");
        baseUrl = baseUrl.replaceAll("/+$", "");
    }

    /** The sandbox's: quick follow-up and retries, loopback receivers allowed. */
    public static OrderApiConfig sandbox(String baseUrl, String acmeAccountPrefix) {
        return new OrderApiConfig(baseUrl, acmeAccountPrefix, Duration.ofMillis(500), 8, Duration.ofSeconds(1),
                Duration.ofSeconds(10), true, Duration.ofDays(30));
    }

    String api(String path) {
        return baseUrl + OrderApi.BASE + path;
    }
}
