package dev.inkan.core.reseller;

import java.time.Instant;
import java.util.Objects;

/**
 * A designated dealer (CP 002 §1.3, 指定事業者) that orders certificates for its customers through the order API.
 *
 * @param email          where the CA sends the reseller's notices (CP 002 §4.3.2)
 * @param ordersPerDay   how many orders it may create per UTC day
 * @param namesPerOrder  how many names one order may carry
 * @param webhookUrl     where order events are POSTed, or null
 * @param webhookSecret  the HMAC key for those events, or null (a shared secret, so stored as is)
 * @param active         false once the operator suspended it: its keys then authenticate nothing
 */
public record Reseller(
        String id,
        String name,
        String email,
        int ordersPerDay,
        int namesPerOrder,
        String webhookUrl,
        String webhookSecret,
        boolean active,
        Instant createdAt) {
    public Reseller {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(createdAt, "createdAt");
    }

    public Reseller withWebhook(String url, String secret) {
        return new Reseller(id, name, email, ordersPerDay, namesPerOrder, url, secret, active, createdAt);
    }
}
