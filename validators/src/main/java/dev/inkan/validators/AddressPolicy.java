package dev.inkan.validators;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * Which resolved addresses the validator may connect to. BR 1.6.1 defines a Reserved IP Address as one inside any
 * entry of the IANA IPv4 or IPv6 Special-Purpose Address Registry, and BR 4.2.2 / 3.2.2.4.19 keep a CA from being
 * steered into such networks (its own among them): every block of both registries is refused, whatever its
 * "globally reachable" column says, and multicast too. The sandbox, whose mock DNS resolves everything to
 * 127.0.0.1, may allow them.
 */
final class AddressPolicy {
    /** IANA IPv4 Special-Purpose Address Registry (RFC 6890 and updates), plus multicast. */
    static final List<Block> IPV4 = blocks(
            "0.0.0.0/8",          // "this network", RFC 791
            "10.0.0.0/8",         // private, RFC 1918
            "100.64.0.0/10",      // shared address space, RFC 6598
            "127.0.0.0/8",        // loopback, RFC 1122
            "169.254.0.0/16",     // link-local, RFC 3927
            "172.16.0.0/12",      // private, RFC 1918
            "192.0.0.0/24",       // IETF protocol assignments, RFC 6890 (incl. 192.0.0.9, .10, .170, .171)
            "192.0.2.0/24",       // TEST-NET-1, RFC 5737
            "192.31.196.0/24",    // AS112-v4, RFC 7535
            "192.52.193.0/24",    // AMT, RFC 7450
            "192.88.99.0/24",     // deprecated 6to4 relay anycast, RFC 7526
            "192.168.0.0/16",     // private, RFC 1918
            "192.175.48.0/24",    // direct delegation AS112, RFC 7534
            "198.18.0.0/15",      // benchmarking, RFC 2544
            "198.51.100.0/24",    // TEST-NET-2, RFC 5737
            "203.0.113.0/24",     // TEST-NET-3, RFC 5737
            "224.0.0.0/4",        // multicast, RFC 5771
            "240.0.0.0/4",        // reserved, RFC 1112
            "255.255.255.255/32"); // limited broadcast, RFC 919

    /** IANA IPv6 Special-Purpose Address Registry (RFC 6890 and updates), plus multicast and deprecated blocks. */
    static final List<Block> IPV6 = blocks(
            "::/128",             // unspecified, RFC 4291
            "::1/128",            // loopback, RFC 4291
            "::/96",              // deprecated IPv4-compatible, RFC 4291
            "::ffff:0:0/96",      // IPv4-mapped, RFC 4291
            "64:ff9b::/96",       // IPv4/IPv6 translation, RFC 6052
            "64:ff9b:1::/48",     // local-use translation, RFC 8215
            "100::/64",           // discard-only, RFC 6666
            "100:0:0:1::/64",     // dummy prefix, RFC 9780
            "2001::/23",          // IETF protocol assignments, RFC 2928 (Teredo, benchmarking, ORCHIDv2, ...)
            "2001:db8::/32",      // documentation, RFC 3849
            "2002::/16",          // 6to4, RFC 3056
            "2620:4f:8000::/48",  // direct delegation AS112, RFC 7534
            "3fff::/20",          // documentation, RFC 9637
            "5f00::/16",          // SRv6 SIDs, RFC 9602
            "fc00::/7",           // unique local, RFC 4193
            "fe80::/10",          // link-local, RFC 4291
            "fec0::/10",          // deprecated site-local, RFC 3879
            "ff00::/8");          // multicast, RFC 4291

    private final boolean allowPrivate;

    AddressPolicy(boolean allowPrivate) {
        this.allowPrivate = allowPrivate;
    }

    /** For problem details: what is refused. */
    String describe() {
        return "loopback, private, link-local or other reserved addresses of the IANA special-purpose registries";
    }

    boolean allows(InetAddress a) {
        return allowPrivate || !isReserved(a);
    }

    static boolean isReserved(InetAddress a) {
        byte[] b = a.getAddress();
        for (Block block : b.length == 4 ? IPV4 : IPV6) {
            if (block.contains(b)) {
                return true;
            }
        }
        return false;
    }

    /** An address block: the network's bytes and the prefix length. */
    record Block(byte[] network, int prefix) {
        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            int full = prefix / 8;
            for (int i = 0; i < full; i++) {
                if (address[i] != network[i]) {
                    return false;
                }
            }
            int rest = prefix % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xff << (8 - rest)) & 0xff;
            return (address[full] & mask) == (network[full] & mask);
        }
    }

    private static List<Block> blocks(String... cidrs) {
        return java.util.Arrays.stream(cidrs).map(AddressPolicy::block).toList();
    }

    private static Block block(String cidr) {
        int slash = cidr.indexOf('/');
        try {
            // literals only: getByName never asks DNS for them
            byte[] net = InetAddress.getByName(cidr.substring(0, slash)).getAddress();
            if (cidr.contains(":") && net.length == 4) {
                // ::ffff:0:0 and ::/96 come back as IPv4 from getByName; keep them as 16 bytes
                byte[] v6 = new byte[16];
                if (cidr.startsWith("::ffff")) {
                    v6[10] = (byte) 0xff;
                    v6[11] = (byte) 0xff;
                }
                System.arraycopy(net, 0, v6, 12, 4);
                net = v6;
            }
            return new Block(net, Integer.parseInt(cidr.substring(slash + 1)));
        } catch (UnknownHostException e) {
            throw new IllegalStateException("bad block " + cidr, e);
        }
    }
}
