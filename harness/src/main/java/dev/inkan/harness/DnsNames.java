package dev.inkan.harness;

import java.util.Locale;

/** The one spelling of a host name inside the harness: lowercase, no trailing dot (DNS names are case-insensitive, RFC 4343). */
final class DnsNames {
    private DnsNames() {}

    static String normalize(String host) {
        String h = host.trim().toLowerCase(Locale.ROOT);
        while (h.endsWith(".")) {
            h = h.substring(0, h.length() - 1);
        }
        return h;
    }
}
