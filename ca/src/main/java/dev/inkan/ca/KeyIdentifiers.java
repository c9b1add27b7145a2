package dev.inkan.ca;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;

/** Digests that name a public key. */
public final class KeyIdentifiers {
    private KeyIdentifiers() {}

    /**
     * RFC 5280 §4.2.1.2 method 1: SHA-1 of the subjectPublicKey BIT STRING contents, as CP 002 §7.1 describes.
     * SHA-1 here names a key; it signs nothing (BR §7.1.3.2 limits SHA-1 only for signatures).
     */
    public static byte[] subjectKeyIdentifier(SubjectPublicKeyInfo spki) {
        return digest("SHA-1", spki.getPublicKeyData().getBytes());
    }

    /** Hex SHA-256 of the DER SubjectPublicKeyInfo, the store's key fingerprint. */
    public static String spkiSha256(SubjectPublicKeyInfo spki) {
        try {
            return spkiSha256(spki.getEncoded(ASN1Encoding.DER));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    public static String spkiSha256(byte[] spkiDer) {
        return HexFormat.of().formatHex(digest("SHA-256", spkiDer));
    }

    private static byte[] digest(String alg, byte[] data) {
        try {
            return MessageDigest.getInstance(alg).digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(alg + " is part of every JDK", e);
        }
    }
}
