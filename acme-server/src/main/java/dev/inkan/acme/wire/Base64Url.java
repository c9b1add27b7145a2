package dev.inkan.acme.wire;

import java.util.Base64;
import java.util.Optional;

/** base64url without padding (RFC 7515 §2), as ACME uses for every binary field (RFC 8555 §6.1). */
public final class Base64Url {
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private Base64Url() {}

    public static String encode(byte[] bytes) {
        return ENCODER.encodeToString(bytes);
    }

    /** The decoded bytes, or empty when the text is not unpadded base64url. */
    public static Optional<byte[]> decode(String text) {
        if (text == null || text.indexOf('=') >= 0) {
            return Optional.empty();
        }
        try {
            return Optional.of(DECODER.decode(text));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
