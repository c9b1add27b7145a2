package dev.inkan.ct;

import java.io.ByteArrayOutputStream;

/** The few TLS presentation-language encodings RFC 6962 uses (RFC 5246 §4). */
final class TlsEncoding {
    private TlsEncoding() {}

    /** An unsigned integer in {@code bytes} big-endian bytes. */
    static void uint(ByteArrayOutputStream out, long value, int bytes) {
        for (int i = bytes - 1; i >= 0; i--) {
            out.write((int) (value >>> (8 * i)));
        }
    }

    /** {@code opaque data<0..2^(8*lengthBytes)-1>}: the length, then the bytes. */
    static void opaque(ByteArrayOutputStream out, byte[] data, int lengthBytes) {
        if (data.length >= 1L << (8 * lengthBytes)) {
            throw new IllegalArgumentException("too long for a " + lengthBytes + "-byte length: " + data.length);
        }
        uint(out, data.length, lengthBytes);
        out.writeBytes(data);
    }
}
