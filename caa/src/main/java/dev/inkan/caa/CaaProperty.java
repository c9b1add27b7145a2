package dev.inkan.caa;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.xbill.DNS.CAARecord;

/**
 * One CAA resource record (RFC 8659 §4.1): flags, property tag and value, the value as the octets the zone holds.
 */
record CaaProperty(int flags, String tag, String value) {
    static final String ISSUE = "issue";
    static final String ISSUEWILD = "issuewild";
    static final String IODEF = "iodef";

    static CaaProperty of(CAARecord r) {
        // dnsjava renders the value with \" \\ and \DDD escapes; undo them to get the octets back.
        return new CaaProperty(r.getFlags(), r.getTag(), unescape(r.getValue()));
    }

    /**
     * RFC 8659 §4.1: the Issuer Critical flag is the bit with value 128. Many zone operators set the bit with value 1
     * instead, reading the RFC's bit numbering the other way; like other CAs we treat that bit as critical too, which
     * can only make us refuse more, never issue more.
     */
    boolean critical() {
        return (flags & (128 | 1)) != 0;
    }

    /** RFC 8659 §4.1: property tags match case-insensitively. */
    String tagLower() {
        return tag.toLowerCase(Locale.ROOT);
    }

    boolean known() {
        String t = tagLower();
        return t.equals(ISSUE) || t.equals(ISSUEWILD) || t.equals(IODEF);
    }

    /** Zone-file form, e.g. {@code 0 issue "jprs.jp"}. */
    @Override
    public String toString() {
        return flags + " " + tag + " \"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    static String unescape(String s) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && isDigits(s, i + 1)) {
                out.write(Integer.parseInt(s.substring(i + 1, i + 4)));
                i += 3;
            } else if (c == '\\' && i + 1 < s.length()) {
                out.write(s.charAt(++i));
            } else {
                out.write(c);
            }
        }
        // Octets outside printable ASCII fail the issue-value grammar anyway; ISO-8859-1 keeps them one char each.
        return out.toString(StandardCharsets.ISO_8859_1);
    }

    private static boolean isDigits(String s, int from) {
        return from + 3 <= s.length() && Character.isDigit(s.charAt(from)) && Character.isDigit(s.charAt(from + 1))
                && Character.isDigit(s.charAt(from + 2));
    }
}
