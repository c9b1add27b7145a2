package dev.inkan.core.reseller;

import java.time.Instant;
import java.util.Objects;

/**
 * A reseller's customer: the subscriber of the certificates ordered for it. Each customer has an account of its
 * own in the RA, so its validations and certificates are its own, as with ACME.
 *
 * @param email             the subscriber's address
 * @param notifySubscriber  the reseller asked that the subscriber hear of issuance, expiry and revocation too
 * @param organizationId    the vetted organization OV orders certify, or null
 * @param accountId         the customer's RA account
 */
public record Customer(
        String id,
        String resellerId,
        String name,
        String email,
        boolean notifySubscriber,
        String organizationId,
        String accountId,
        Instant createdAt) {
    public Customer {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(resellerId, "resellerId");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(createdAt, "createdAt");
    }
}
