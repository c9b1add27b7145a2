package dev.inkan.core.model;

/** RFC 8555 §7.1.6 account states. */
public enum AccountStatus {
    VALID, DEACTIVATED, REVOKED;

    public String wire() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
