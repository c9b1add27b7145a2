package dev.inkan.core.model;

import java.util.Objects;

/**
 * An ACME identifier (RFC 8555 §9.7.7). Only {@code dns} is accepted today; a wildcard keeps its
 * {@code *.} prefix here and loses it in the {@link Authorization}, as RFC 8555 §7.1.3 asks.
 */
public record Identifier(String type, String value) {
    public static final String DNS = "dns";

    public Identifier {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(value, "value");
    }

    public static Identifier dns(String name) {
        return new Identifier(DNS, name);
    }

    public boolean isWildcard() {
        return value.startsWith("*.");
    }

    /** The name without a leading {@code *.}: what is validated for a wildcard. */
    public String baseName() {
        return isWildcard() ? value.substring(2) : value;
    }
}
