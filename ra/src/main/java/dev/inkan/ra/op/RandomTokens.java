package dev.inkan.ra.op;

import java.security.SecureRandom;
import java.util.Base64;

/** Object ids and challenge tokens from a CSPRNG, base64url without padding. */
public final class RandomTokens {
    private static final SecureRandom RANDOM = new SecureRandom();

    private RandomTokens() {}

    /** A 128-bit id for an account, order, authorization or challenge. */
    public static String id() {
        return random(16);
    }

    /** RFC 8555 §8.1: a token of at least 128 bits of entropy; we use 256 as Boulder does. */
    public static String challengeToken() {
        return random(32);
    }

    private static String random(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
}
