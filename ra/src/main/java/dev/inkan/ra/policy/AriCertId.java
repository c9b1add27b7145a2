package dev.inkan.ra.policy;

import dev.inkan.core.error.CaException;
import dev.inkan.core.error.ErrorKind;
import java.io.IOException;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.Base64;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.X509CertificateHolder;

/**
 * RFC 9773 §4.1: a certificate's ARI CertID, {@code base64url(AKI keyIdentifier) "." base64url(serialNumber DER
 * content octets)}, without padding; a leading 0x00 of the serial's encoding is kept.
 *
 * @param keyIdentifier the AKI keyIdentifier of the certificate named
 */
public record AriCertId(byte[] keyIdentifier, BigInteger serial) {
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    /** {@code MALFORMED} when the text is not a CertID. */
    public static AriCertId parse(String text) {
        int dot = text == null ? -1 : text.indexOf('.');
        if (dot <= 0 || dot == text.length() - 1 || text.indexOf('.', dot + 1) >= 0 || text.contains("=")) {
            throw malformed(text);
        }
        try {
            byte[] aki = DECODER.decode(text.substring(0, dot));
            byte[] serial = DECODER.decode(text.substring(dot + 1));
            BigInteger value = new BigInteger(serial);
            if (value.signum() <= 0 || !Arrays.equals(value.toByteArray(), serial)) {
                throw malformed(text);
            }
            return new AriCertId(aki, value);
        } catch (IllegalArgumentException e) {
            throw malformed(text);
        }
    }

    /** The CertID of a certificate; empty keyIdentifier when it has no AKI. */
    public static AriCertId of(byte[] certificateDer) {
        try {
            X509CertificateHolder cert = new X509CertificateHolder(certificateDer);
            return new AriCertId(keyIdentifierOf(cert), cert.getSerialNumber());
        } catch (IOException e) {
            throw new CaException(ErrorKind.SERVER_INTERNAL, "a stored certificate does not parse", e);
        }
    }

    private static byte[] keyIdentifierOf(X509CertificateHolder cert) {
        Extension aki = cert.getExtension(Extension.authorityKeyIdentifier);
        if (aki == null) {
            return new byte[0];
        }
        byte[] id = AuthorityKeyIdentifier.getInstance(aki.getParsedValue()).getKeyIdentifierOctets();
        return id == null ? new byte[0] : id;
    }

    /** The serial as the store spells it: lowercase hex without leading zeros. */
    public String serialHex() {
        return serial.toString(16);
    }

    /** True when both name the same certificate. */
    public boolean sameAs(AriCertId other) {
        return serial.equals(other.serial) && Arrays.equals(keyIdentifier, other.keyIdentifier);
    }

    @Override
    public String toString() {
        return ENCODER.encodeToString(keyIdentifier) + "." + ENCODER.encodeToString(serial.toByteArray());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AriCertId other && sameAs(other);
    }

    @Override
    public int hashCode() {
        return serial.hashCode() * 31 + Arrays.hashCode(keyIdentifier);
    }

    private static CaException malformed(String text) {
        return new CaException(ErrorKind.MALFORMED, "\"" + text + "\" is not an ARI CertID: expected"
                + " base64url(AKI keyIdentifier).base64url(serial number), without padding (RFC 9773 §4.1)");
    }
}
