package dev.inkan.core.model;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * An ACME account (RFC 8555 §7.1.2).
 *
 * @param keyJwk        the account public key as a JWK JSON string (public members only)
 * @param keyThumbprint the RFC 7638 SHA-256 thumbprint of that key, base64url; unique among accounts
 * @param contacts      {@code mailto:} URIs
 * @param eabKeyId      the external account binding key id used at creation, or null
 */
public record Account(
        String id,
        String keyJwk,
        String keyThumbprint,
        List<String> contacts,
        AccountStatus status,
        boolean termsAgreed,
        String eabKeyId,
        Instant createdAt) {
    public Account {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(keyJwk, "keyJwk");
        Objects.requireNonNull(keyThumbprint, "keyThumbprint");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(createdAt, "createdAt");
        contacts = contacts == null ? List.of() : List.copyOf(contacts);
    }

    public Account withStatus(AccountStatus s) {
        return new Account(id, keyJwk, keyThumbprint, contacts, s, termsAgreed, eabKeyId, createdAt);
    }

    public Account withContacts(List<String> c) {
        return new Account(id, keyJwk, keyThumbprint, c, status, termsAgreed, eabKeyId, createdAt);
    }

    public Account withKey(String jwk, String thumbprint) {
        return new Account(id, jwk, thumbprint, contacts, status, termsAgreed, eabKeyId, createdAt);
    }
}
