package dev.inkan.ct;

import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.SignatureException;
import java.security.interfaces.ECPublicKey;
import java.util.Arrays;
import java.util.Optional;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.util.PublicKeyFactory;

/**
 * A log's ECDSA key made ready once for every SCT it signs. Bouncy Castle keeps the precomputed multiples of a
 * point on the point object, so a log key whose point is kept verifies in about 70 µs where the JDK's SunEC took
 * about 900 µs per SCT on the bench machine (see docs/performance.md). Verdicts are the JDK's: the signature is
 * read as SunEC reads it (strict DER; each INTEGER's content taken as unsigned, as {@code getPositiveBigInteger}
 * does), r and s must lie in [1, n-1], and high s is accepted (RFC 6962 asks for nothing else).
 */
final class LogSignatureKey {
    private final ECPublicKeyParameters point;

    private LogSignatureKey(ECPublicKeyParameters point) {
        this.point = point;
    }

    /** The ready key, or empty for a key this class does not handle (RSA, an explicit curve): the JDK checks those. */
    static Optional<LogSignatureKey> of(PublicKey key) {
        if (!(key instanceof ECPublicKey)) {
            return Optional.empty();
        }
        try {
            return Optional.of(new LogSignatureKey((ECPublicKeyParameters) PublicKeyFactory.createKey(key.getEncoded())));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * SHA-256 with ECDSA over {@code input}; the signature in DER.
     *
     * @throws SignatureException when the signature is not a DER SEQUENCE of two INTEGERs, as SunEC refuses it
     */
    boolean verifies(byte[] input, byte[] derSignature) throws GeneralSecurityException {
        BigInteger[] rs = decode(derSignature);
        SHA256Digest sha256 = new SHA256Digest();
        sha256.update(input, 0, input.length);
        byte[] digest = new byte[sha256.getDigestSize()];
        sha256.doFinal(digest, 0);
        ECDSASigner ecdsa = new ECDSASigner();
        ecdsa.init(false, point);
        // ECDSASigner refuses r or s outside [1, n-1], as SunEC does
        return ecdsa.verifySignature(digest, rs[0], rs[1]);
    }

    /** ECDSA-Sig-Value (RFC 3279 §2.2.3) read with the JDK's rules for signatures: DER, nothing after it. */
    static BigInteger[] decode(byte[] der) throws SignatureException {
        Reader in = new Reader(der);
        Reader sequence = in.element(0x30);
        BigInteger r = sequence.unsignedInteger();
        BigInteger s = sequence.unsignedInteger();
        if (sequence.remaining() != 0 || in.remaining() != 0) {
            throw invalid();
        }
        return new BigInteger[] {r, s};
    }

    private static SignatureException invalid() {
        return new SignatureException("Invalid encoding for signature");
    }

    private static final class Reader {
        private final byte[] bytes;
        private int pos;
        private final int end;

        Reader(byte[] bytes) {
            this(bytes, 0, bytes.length);
        }

        private Reader(byte[] bytes, int from, int end) {
            this.bytes = bytes;
            this.pos = from;
            this.end = end;
        }

        int remaining() {
            return end - pos;
        }

        /** One TLV with this tag; its content as a reader of its own. */
        Reader element(int tag) throws SignatureException {
            if (remaining() < 2 || (bytes[pos] & 0xff) != tag) {
                throw invalid();
            }
            pos++;
            int length = length();
            if (length > remaining()) {
                throw invalid();
            }
            Reader content = new Reader(bytes, pos, pos + length);
            pos += length;
            return content;
        }

        // DER: the short form below 128, else the fewest bytes with no leading zero; no indefinite form
        private int length() throws SignatureException {
            int first = bytes[pos++] & 0xff;
            if (first < 0x80) {
                return first;
            }
            int count = first & 0x7f;
            if (count == 0 || count > 3 || count > remaining() || bytes[pos] == 0) {
                throw invalid();
            }
            int length = 0;
            for (int i = 0; i < count; i++) {
                length = (length << 8) | (bytes[pos++] & 0xff);
            }
            if (length < 0x80) {
                throw invalid();
            }
            return length;
        }

        /** An INTEGER; a leading zero that is not needed is refused, and the content is read as unsigned. */
        BigInteger unsignedInteger() throws SignatureException {
            Reader content = element(0x02);
            int length = content.remaining();
            if (length == 0 || (length >= 2 && bytes[content.pos] == 0 && bytes[content.pos + 1] >= 0)) {
                throw invalid();
            }
            return new BigInteger(1, Arrays.copyOfRange(bytes, content.pos, content.end));
        }
    }
}
