package dev.inkan.core.reseller;

import java.util.Locale;

/**
 * An order's state as a reseller sees it: the RA order's, plus cancelled and revoked. PENDING and PROCESSING are
 * the states the CA still moves on by itself.
 */
public enum ResellerOrderStatus {
    PENDING, PROCESSING, ISSUED, INVALID, CANCELLED, REVOKED;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ResellerOrderStatus fromWire(String s) {
        return valueOf(s.toUpperCase(Locale.ROOT));
    }

    public boolean moving() {
        return this == PENDING || this == PROCESSING;
    }
}
