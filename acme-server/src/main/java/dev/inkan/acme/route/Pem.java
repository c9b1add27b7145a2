package dev.inkan.acme.route;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** PEM text of certificates (RFC 7468 §5), as application/pem-certificate-chain carries them (RFC 8555 §9.1). */
final class Pem {
    private static final Base64.Encoder ENCODER = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII));

    private Pem() {}

    static String certificate(byte[] der) {
        return "-----BEGIN CERTIFICATE-----\n" + ENCODER.encodeToString(der) + "\n-----END CERTIFICATE-----\n";
    }
}
