package dev.inkan.core.model;

import java.time.Instant;
import java.util.Objects;

/**
 * An operator's word that a certificate must be renewed now (RFC 9773 §4.2: e.g. ahead of a mass revocation);
 * ARI then suggests an immediate renewal window for it.
 *
 * @param serial         lowercase hex, no leading zeros
 * @param explanationUrl a page that tells the subscriber why, or null
 */
public record RenewalFlag(String serial, String explanationUrl, String actor, Instant flaggedAt) {
    public RenewalFlag {
        Objects.requireNonNull(serial, "serial");
        Objects.requireNonNull(flaggedAt, "flaggedAt");
    }
}
