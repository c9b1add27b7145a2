package dev.inkan.core.model;

/** RFC 8555 §7.1.6 challenge states. */
public enum ChallengeStatus {
    PENDING, PROCESSING, VALID, INVALID;

    public String wire() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
