package dev.inkan.harness;

import java.util.Objects;

/**
 * One CAA record to serve (RFC 8659 §4.1). {@code flags} 128 marks the record critical; challtestsrv's JSON has
 * only tag and value, and {@code flags} is an optional extension of ours that its clients never send.
 */
public record CaaPolicy(int flags, String tag, String value) {
    public CaaPolicy {
        Objects.requireNonNull(tag, "tag");
        Objects.requireNonNull(value, "value");
        if (flags < 0 || flags > 255) {
            throw new IllegalArgumentException("CAA flags must be 0-255, got " + flags);
        }
    }

    public static CaaPolicy of(String tag, String value) {
        return new CaaPolicy(0, tag, value);
    }
}
