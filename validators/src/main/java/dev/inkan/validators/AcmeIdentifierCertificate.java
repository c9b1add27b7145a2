package dev.inkan.validators;

import dev.inkan.core.error.CaException;
import dev.inkan.core.error.ErrorKind;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/** RFC 8737 §3: what a tls-alpn-01 answer must hold; every failure says what was wrong and what was seen. */
final class AcmeIdentifierCertificate {
    /** id-pe-acmeIdentifier (RFC 8737 §6.1). */
    static final String OID = "1.3.6.1.5.5.7.1.31";
    private static final int DNS_NAME = 2;

    private AcmeIdentifierCertificate() {}

    static void check(TlsAlpn01Check.Seen seen, String name, String keyAuthorization, String where) {
        if (!TlsAlpn01Check.ACME_TLS_1.equals(seen.alpn())) {
            throw new CaException(ErrorKind.TLS, "tls-alpn-01: " + where + " did not negotiate the ALPN protocol \""
                    + TlsAlpn01Check.ACME_TLS_1 + "\" for " + name + " (negotiated: "
                    + (seen.alpn() == null || seen.alpn().isEmpty() ? "none" : "\"" + seen.alpn() + "\"") + ")");
        }
        X509Certificate cert = seen.certificate();
        List<String> sans = subjectAltNames(cert);
        if (sans.size() != 1 || !sans.get(0).equals("DNS:" + name.toLowerCase(Locale.ROOT))) {
            throw unauthorized(name, where, "the certificate must have exactly one subjectAltName, the dNSName "
                    + name + "; it has " + (sans.isEmpty() ? "none" : sans));
        }
        byte[] extension = cert.getExtensionValue(OID);
        if (extension == null) {
            throw unauthorized(name, where, "the certificate has no acmeIdentifier extension (" + OID + ")");
        }
        if (cert.getCriticalExtensionOIDs() == null || !cert.getCriticalExtensionOIDs().contains(OID)) {
            throw unauthorized(name, where, "the acmeIdentifier extension (" + OID + ") must be critical");
        }
        byte[] got = digestIn(extension);
        byte[] expected = sha256(keyAuthorization);
        if (got == null) {
            throw unauthorized(name, where, "the acmeIdentifier extension must hold an OCTET STRING of 32 octets");
        }
        if (!MessageDigest.isEqual(got, expected)) {
            throw unauthorized(name, where, "the acmeIdentifier extension holds " + HexFormat.of().formatHex(got)
                    + "; expected SHA-256 of the key authorization, " + HexFormat.of().formatHex(expected));
        }
    }

    /** For the validation record: the names and the extension as seen. */
    static String describe(X509Certificate cert) {
        byte[] ext = cert.getExtensionValue(OID);
        byte[] digest = ext == null ? null : digestIn(ext);
        return "san=" + subjectAltNames(cert) + " acmeIdentifier="
                + (digest == null ? "none" : HexFormat.of().formatHex(digest))
                + (cert.getCriticalExtensionOIDs() != null && cert.getCriticalExtensionOIDs().contains(OID)
                        ? " (critical)" : "");
    }

    /** Every subjectAltName as TYPE:value, dNSNames lowercased. */
    static List<String> subjectAltNames(X509Certificate cert) {
        Collection<List<?>> sans;
        try {
            sans = cert.getSubjectAlternativeNames();
        } catch (CertificateParsingException e) {
            return List.of("unparseable");
        }
        List<String> out = new ArrayList<>();
        if (sans != null) {
            for (List<?> san : sans) {
                int type = (Integer) san.get(0);
                Object value = san.get(1);
                out.add(type == DNS_NAME ? "DNS:" + String.valueOf(value).toLowerCase(Locale.ROOT)
                        : "type" + type + ":" + (value instanceof byte[] b ? HexFormat.of().formatHex(b) : value));
            }
        }
        return out;
    }

    /**
     * {@code getExtensionValue} gives the extnValue OCTET STRING; inside it RFC 8737 puts
     * {@code Authorization ::= OCTET STRING (SIZE (32))}: 04 len (04 20 <32 octets>).
     */
    static byte[] digestIn(byte[] extnValue) {
        byte[] inner = octetString(extnValue);
        byte[] digest = inner == null ? null : octetString(inner);
        return digest != null && digest.length == 32 ? digest : null;
    }

    /** The content of a DER OCTET STRING that fills the whole array (short or long length form), or null. */
    private static byte[] octetString(byte[] der) {
        if (der.length < 2 || der[0] != 0x04) {
            return null;
        }
        int len = der[1] & 0xff;
        int offset = 2;
        if (len > 0x7f) {
            int octets = len & 0x7f;
            if (octets == 0 || octets > 2 || der.length < 2 + octets) {
                return null;
            }
            len = 0;
            for (int i = 0; i < octets; i++) {
                len = (len << 8) | (der[2 + i] & 0xff);
            }
            offset = 2 + octets;
        }
        return offset + len == der.length ? Arrays.copyOfRange(der, offset, der.length) : null;
    }

    static byte[] sha256(String keyAuthorization) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(keyAuthorization.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always present", e);
        }
    }

    private static CaException unauthorized(String name, String where, String what) {
        return new CaException(ErrorKind.UNAUTHORIZED, "Incorrect validation certificate for tls-alpn-01 challenge"
                + " from " + where + " for " + name + ": " + what);
    }
}
