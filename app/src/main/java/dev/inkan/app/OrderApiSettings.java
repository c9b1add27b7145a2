package dev.inkan.app;

import dev.inkan.orderapi.OrderApiConfig;
import io.vertx.core.json.JsonObject;
import java.time.Duration;

/**
 * The {@code orderApi} section: the reseller order API's own HTTPS listener and its follow-up, webhook and
 * reminder pacing.
 *
 * @param enabled false to run without the API (no listener)
 * @param listen  where the API listens; the sandbox binds 127.0.0.1 only
 */
record OrderApiSettings(boolean enabled, Settings.Listener listen, OrderApiConfig config) {

    static OrderApiSettings from(JsonObject s, String acmeBaseUrl, boolean sandbox) {
        JsonObject c = s == null ? new JsonObject() : s;
        String base = c.getString("baseUrl", "https://localhost:14443");
        OrderApiConfig config = new OrderApiConfig(base, acmeBaseUrl.replaceAll("/+$", "") + "/acme/acct/",
                Duration.ofMillis(c.getLong("syncIntervalMillis", 500L)),
                c.getInteger("webhookAttempts", 8),
                Duration.ofMillis(c.getLong("webhookBackoffMillis", 1000L)),
                Duration.ofMillis(c.getLong("webhookTimeoutMillis", 10_000L)),
                c.getBoolean("privateWebhooks", sandbox),
                Duration.ofDays(c.getLong("reminderLeadDays", 30L)));
        if (config.webhookAttempts() < 1) {
            throw new IllegalArgumentException("orderApi.webhookAttempts must be at least 1");
        }
        return new OrderApiSettings(c.getBoolean("enabled", true),
                Settings.Listener.parse("orderApi.listen", c.getString("listen", "127.0.0.1:14443")), config);
    }
}
