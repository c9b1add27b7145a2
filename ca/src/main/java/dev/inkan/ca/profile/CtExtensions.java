package dev.inkan.ca.profile;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.x509.Extension;

/** The two Certificate Transparency extensions of RFC 6962 §3.1 and §3.3. */
public final class CtExtensions {
    /** RFC 6962 §3.1: the precertificate poison; critical, value ASN.1 NULL (BR 7.1.2.9). */
    public static final ASN1ObjectIdentifier POISON = new ASN1ObjectIdentifier("1.3.6.1.4.1.11129.2.4.3");
    /** RFC 6962 §3.3: the embedded SignedCertificateTimestampList; non-critical. */
    public static final ASN1ObjectIdentifier SCT_LIST = new ASN1ObjectIdentifier("1.3.6.1.4.1.11129.2.4.2");

    private CtExtensions() {}

    public static Extension poison() {
        try {
            return new Extension(POISON, true, DERNull.INSTANCE.getEncoded());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * RFC 6962 §3.3: extnValue is an OCTET STRING holding the TLS-encoded list, a 2-byte total length, then each
     * SCT behind its own 2-byte length.
     */
    public static Extension sctList(List<byte[]> scts) {
        if (scts.isEmpty()) {
            throw new IllegalArgumentException("an SCT list holds at least one SCT");
        }
        ByteArrayOutputStream list = new ByteArrayOutputStream();
        for (byte[] sct : scts) {
            if (sct.length == 0 || sct.length > 0xffff) {
                throw new IllegalArgumentException("an SCT is 1 to 65535 bytes, not " + sct.length);
            }
            list.write(sct.length >> 8);
            list.write(sct.length);
            list.writeBytes(sct);
        }
        byte[] body = list.toByteArray();
        if (body.length > 0xffff) {
            throw new IllegalArgumentException("the SCT list is too long: " + body.length + " bytes");
        }
        byte[] tls = new byte[body.length + 2];
        tls[0] = (byte) (body.length >> 8);
        tls[1] = (byte) body.length;
        System.arraycopy(body, 0, tls, 2, body.length);
        try {
            return new Extension(SCT_LIST, false, new DEROctetString(tls).getEncoded());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
