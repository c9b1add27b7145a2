package dev.inkan.ra.policy;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Arrays;
import java.util.Base64;

/**
 * RFC 7638 SHA-256 thumbprint of a public key, as accounts are keyed by. Lets the RA recognise an account
 * key inside a CSR without a JOSE library.
 */
public final class JwkThumbprint {
    private JwkThumbprint() {}

    /** The base64url thumbprint of an RSA or EC key; IllegalArgumentException for other keys. */
    public static String of(PublicKey key) {
        return b64(sha256(canonicalJwk(key).getBytes(StandardCharsets.UTF_8)));
    }

    /** RFC 7638 §3.2: the required members only, in lexicographic order, no whitespace (itself a valid JWK). */
    public static String canonicalJwk(PublicKey key) {
        if (key instanceof RSAPublicKey rsa) {
            return "{\"e\":\"" + b64(unsigned(rsa.getPublicExponent())) + "\",\"kty\":\"RSA\",\"n\":\""
                    + b64(unsigned(rsa.getModulus())) + "\"}";
        }
        if (key instanceof ECPublicKey ec) {
            int fieldBits = ec.getParams().getCurve().getField().getFieldSize();
            int size = (fieldBits + 7) / 8;
            // RFC 7518 §6.2.1.2: coordinates are the full field size, left-padded
            return "{\"crv\":\"" + curveName(fieldBits) + "\",\"kty\":\"EC\",\"x\":\""
                    + b64(fixed(ec.getW().getAffineX(), size)) + "\",\"y\":\""
                    + b64(fixed(ec.getW().getAffineY(), size)) + "\"}";
        }
        throw new IllegalArgumentException("no JWK thumbprint for " + key.getAlgorithm() + " keys");
    }

    private static String curveName(int fieldBits) {
        return switch (fieldBits) {
            case 256 -> "P-256";
            case 384 -> "P-384";
            case 521 -> "P-521";
            default -> throw new IllegalArgumentException("no JWK curve name for a " + fieldBits + "-bit field");
        };
    }

    private static byte[] unsigned(BigInteger v) {
        byte[] b = v.toByteArray();
        return b.length > 1 && b[0] == 0 ? Arrays.copyOfRange(b, 1, b.length) : b;
    }

    private static byte[] fixed(BigInteger v, int size) {
        byte[] b = unsigned(v);
        byte[] out = new byte[size];
        System.arraycopy(b, 0, out, size - b.length, b.length);
        return out;
    }

    private static byte[] sha256(byte[] in) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(in);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    private static String b64(byte[] b) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
}
