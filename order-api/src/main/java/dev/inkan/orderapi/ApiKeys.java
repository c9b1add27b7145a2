package dev.inkan.orderapi;

import dev.inkan.core.reseller.ApiKey;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The API key format: {@code ik_<key id>_<secret>}. The id finds the stored key; the secret is 256 random bits and
 * only its SHA-256 is stored. A fast hash suffices because the secret is random, not a password: there is nothing to
 * guess from its digest.
 */
final class ApiKeys {
    private static final Pattern FORMAT = Pattern.compile("ik_([0-9a-f]{28})_([A-Za-z0-9_-]{43})");

    private ApiKeys() {}

    /** A presented key split into id and secret, if it has the format. */
    record Presented(String keyId, String secret) {}

    static Optional<Presented> parse(String token) {
        Matcher m = FORMAT.matcher(token == null ? "" : token.trim());
        return m.matches() ? Optional.of(new Presented(m.group(1), m.group(2))) : Optional.empty();
    }

    static String token(String keyId, String secret) {
        return "ik_" + keyId + "_" + secret;
    }

    static String digest(String secret) {
        try {
            return HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** Constant-time, so the comparison tells nothing about how much of a guess was right. */
    static boolean matches(ApiKey stored, String secret) {
        return MessageDigest.isEqual(stored.secretSha256().getBytes(StandardCharsets.US_ASCII),
                digest(secret).getBytes(StandardCharsets.US_ASCII));
    }
}
