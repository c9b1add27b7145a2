package dev.inkan.core.vetting;

import java.time.Instant;
import java.util.Objects;

/**
 * An External Account Binding key (RFC 8555 §7.3.4) handed to a vetted organization: an ACME account created with
 * it is bound to that organization and gets OV certificates naming it.
 *
 * @param kid            the key id the client sends
 * @param macKey         the base64url HMAC key (at least 256 bits); shown to the applicant once
 * @param organizationId the organization the accounts it creates are bound to
 * @param active         false once suspended: no new account binds with it and its accounts get no OV certificate
 */
public record ExternalAccountKey(String kid, String macKey, String organizationId, boolean active, Instant createdAt,
        boolean shown) {
    public ExternalAccountKey {
        Objects.requireNonNull(kid, "kid");
        Objects.requireNonNull(macKey, "macKey");
        Objects.requireNonNull(organizationId, "organizationId");
        Objects.requireNonNull(createdAt, "createdAt");
    }
}
