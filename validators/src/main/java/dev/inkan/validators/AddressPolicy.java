package dev.inkan.validators;

import java.net.Inet6Address;
import java.net.InetAddress;

/**
 * Which resolved addresses the validator may connect to. A CA must not be steered into its own network: loopback,
 * private (RFC 1918, RFC 4193), link-local, shared (RFC 6598), unspecified and multicast addresses are refused
 * unless the sandbox allows them. A subset of the IANA special-purpose registries; the rest comes with the
 * BR 3.2.2.4.19 port and address rules.
 */
final class AddressPolicy {
    private final boolean allowPrivate;

    AddressPolicy(boolean allowPrivate) {
        this.allowPrivate = allowPrivate;
    }

    boolean allows(InetAddress a) {
        return allowPrivate || isPublic(a);
    }

    static boolean isPublic(InetAddress a) {
        if (a.isLoopbackAddress() || a.isAnyLocalAddress() || a.isLinkLocalAddress() || a.isSiteLocalAddress()
                || a.isMulticastAddress()) {
            return false;
        }
        byte[] b = a.getAddress();
        if (a instanceof Inet6Address) {
            return (b[0] & 0xfe) != 0xfc; // fc00::/7 unique local
        }
        int first = b[0] & 0xff;
        int second = b[1] & 0xff;
        boolean thisNetwork = first == 0;
        boolean shared = first == 100 && second >= 64 && second <= 127;
        boolean reserved = first >= 240;
        return !(thisNetwork || shared || reserved);
    }
}
