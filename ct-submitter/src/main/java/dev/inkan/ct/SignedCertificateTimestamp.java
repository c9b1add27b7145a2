package dev.inkan.ct;

import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;

/**
 * An SCT as a log returns it (RFC 6962 §4.1) and as it is embedded (§3.2).
 *
 * @param extensions      the CtExtensions bytes exactly as the log sent them: a static-ct-api log's 8-byte
 *                        leaf_index extension is covered by its signature and must be kept (c2sp static-ct-api)
 * @param digitallySigned the TLS DigitallySigned struct: hash algorithm, signature algorithm, 2-byte length,
 *                        signature
 */
public record SignedCertificateTimestamp(
        int version, byte[] logId, long timestamp, byte[] extensions, byte[] digitallySigned) {
    public SignedCertificateTimestamp {
        Objects.requireNonNull(logId, "logId");
        Objects.requireNonNull(extensions, "extensions");
        Objects.requireNonNull(digitallySigned, "digitallySigned");
        if (logId.length != 32) {
            throw new IllegalArgumentException("a log ID is 32 bytes, not " + logId.length);
        }
        if (extensions.length > 0xffff) {
            throw new IllegalArgumentException("SCT extensions are too long");
        }
    }

    /** The add-chain / add-pre-chain response body. */
    public static SignedCertificateTimestamp fromJson(JsonObject body) {
        try {
            Base64.Decoder b64 = Base64.getDecoder();
            return new SignedCertificateTimestamp(body.getInteger("sct_version"), b64.decode(body.getString("id")),
                    body.getLong("timestamp"), b64.decode(body.getString("extensions", "")),
                    b64.decode(body.getString("signature")));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("the log's answer is not an SCT: " + e.getMessage(), e);
        }
    }

    /** RFC 6962 §3.2: the SerializedSCT that goes into the SignedCertificateTimestampList. */
    public byte[] serialize() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(version);
        out.writeBytes(logId);
        TlsEncoding.uint(out, timestamp, 8);
        TlsEncoding.opaque(out, extensions, 2);
        out.writeBytes(digitallySigned);
        return out.toByteArray();
    }

    /** TLS HashAlgorithm of the signature (4 = sha256). */
    int hashAlgorithm() {
        return digitallySigned[0] & 0xff;
    }

    /** TLS SignatureAlgorithm (1 = rsa, 3 = ecdsa). */
    int signatureAlgorithm() {
        return digitallySigned[1] & 0xff;
    }

    /** The signature bytes inside the DigitallySigned struct. */
    byte[] signature() {
        int length = ((digitallySigned[2] & 0xff) << 8) | (digitallySigned[3] & 0xff);
        if (digitallySigned.length != 4 + length) {
            throw new IllegalArgumentException("the DigitallySigned length does not match its contents");
        }
        return Arrays.copyOfRange(digitallySigned, 4, digitallySigned.length);
    }
}
