package dev.inkan.core.port;

/** The store ports of the reseller channel (CP 002 §1.3), as the composition root hands them out. */
public record ResellerStores(
        ResellerStore resellers,
        CustomerStore customers,
        ResellerOrderStore orders,
        WebhookStore webhooks,
        IdempotencyStore idempotency) {}
