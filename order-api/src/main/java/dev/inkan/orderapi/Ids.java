package dev.inkan.orderapi;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;

/**
 * Object ids that sort by creation time (12 hex digits of milliseconds, then 64 random bits), so that newest-first
 * pages are a descending scan of {@code _id} and a cursor is simply the last id seen.
 */
final class Ids {
    private static final SecureRandom RANDOM = new SecureRandom();

    private Ids() {}

    static String next(String prefix, Instant now) {
        byte[] r = new byte[8];
        RANDOM.nextBytes(r);
        return prefix + String.format("%012x", now.toEpochMilli()) + HexFormat.of().formatHex(r);
    }

    static String random(int bytes) {
        byte[] r = new byte[bytes];
        RANDOM.nextBytes(r);
        return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(r);
    }
}
