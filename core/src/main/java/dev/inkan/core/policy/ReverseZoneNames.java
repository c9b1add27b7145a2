package dev.inkan.core.policy;

import java.time.Instant;
import java.util.Locale;

/**
 * BR 3.2.2.4 and 7.1.2.7.12 as amended by ballot SC-086: from 2026-03-15 no certificate may name a domain under
 * {@code in-addr.arpa} or {@code ip6.arpa}. Inkan refuses every {@code .arpa} name from that date: the rest of
 * {@code arpa} is infrastructure (RFC 3172) or special-use ({@code home.arpa}, RFC 8375), never a name a subscriber
 * registers. The RA refuses such names at newOrder and the CA's pre-sign lint refuses them again.
 */
public final class ReverseZoneNames {
    /** SC-086's effective date. */
    public static final Instant SC086_EFFECTIVE = Instant.parse("2026-03-15T00:00:00Z");

    private ReverseZoneNames() {}

    /** Whether this DNS name (a wildcard's base included) lies in the arpa tree. */
    public static boolean isArpa(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        if (n.endsWith(".")) {
            n = n.substring(0, n.length() - 1);
        }
        return n.equals("arpa") || n.endsWith(".arpa");
    }

    /** Whether the rule is in force at this moment. */
    public static boolean inForce(Instant at) {
        return !at.isBefore(SC086_EFFECTIVE);
    }

    /** Why this name may not be certified at this moment, or null. */
    public static String problem(String name, Instant at) {
        if (inForce(at) && isArpa(name)) {
            return "\"" + name + "\" is under .arpa; reverse-zone names (in-addr.arpa, ip6.arpa) may not appear in"
                    + " certificates since " + SC086_EFFECTIVE.toString().substring(0, 10) + " (BR SC-086)";
        }
        return null;
    }
}
