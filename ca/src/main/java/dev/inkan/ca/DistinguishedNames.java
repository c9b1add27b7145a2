package dev.inkan.ca;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;

/** Distinguished names written the RFC 4514 way ("CN=...,O=...,C=JP") and encoded the X.501 way (C first). */
public final class DistinguishedNames {
    private DistinguishedNames() {}

    /**
     * RFC 4514 strings list the most specific RDN first, the encoding puts it last (BR §7.1.4: C, ST, L, O,
     * CN order). BCStyle encodes countryName as PrintableString and the others as UTF8String.
     */
    public static X500Name parse(String rfc4514) {
        RDN[] rdns = BCStyle.INSTANCE.fromString(rfc4514);
        List<RDN> list = Arrays.asList(rdns.clone());
        Collections.reverse(list);
        return new X500Name(list.toArray(new RDN[0]));
    }

    /** The RFC 4514 string of an encoded name, e.g. for the store and logs. */
    public static String format(X500Name name) {
        try {
            return new X500Principal(name.getEncoded()).getName(X500Principal.RFC2253);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
