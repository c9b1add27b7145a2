package dev.inkan.core.model;

/** RFC 8555 §7.1.6 authorization states. */
public enum AuthorizationStatus {
    PENDING, VALID, INVALID, DEACTIVATED, EXPIRED, REVOKED;

    public String wire() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
