package dev.inkan.harness.ct;

import java.io.ByteArrayOutputStream;

/** TLS presentation-language encoding for the fake logs (RFC 5246 §4). */
final class Tls {
    private Tls() {}

    static void uint(ByteArrayOutputStream out, long value, int bytes) {
        for (int i = bytes - 1; i >= 0; i--) {
            out.write((int) (value >>> (8 * i)));
        }
    }

    static void vector(ByteArrayOutputStream out, byte[] data, int lengthBytes) {
        uint(out, data.length, lengthBytes);
        out.writeBytes(data);
    }
}
