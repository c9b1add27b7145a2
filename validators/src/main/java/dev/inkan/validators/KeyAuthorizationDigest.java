package dev.inkan.validators;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/** RFC 8555 §8.4: the dns-01 TXT value is base64url(SHA-256(key authorization)), without padding. */
final class KeyAuthorizationDigest {
    private KeyAuthorizationDigest() {}

    static String of(String keyAuthorization) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(keyAuthorization.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(d);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always present", e);
        }
    }
}
