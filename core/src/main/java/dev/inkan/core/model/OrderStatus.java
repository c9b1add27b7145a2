package dev.inkan.core.model;

/** RFC 8555 §7.1.6 order states. */
public enum OrderStatus {
    PENDING, READY, PROCESSING, VALID, INVALID;

    public String wire() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
