package dev.inkan.validators;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class AddressPolicyTest {
    private final AddressPolicy production = new AddressPolicy(false);

    private boolean allowed(String literal) throws Exception {
        return production.allows(InetAddress.getByName(literal));
    }

    @Test
    void testRefused_everyIpv4SpecialPurposeBlock() throws Exception {
        for (String a : new String[] {"0.1.2.3", "10.9.8.7", "100.64.0.1", "100.127.255.254", "127.0.0.1",
                "127.255.255.255", "169.254.169.254", "172.16.0.1", "172.31.255.255", "192.0.0.9", "192.0.0.170",
                "192.0.2.55", "192.31.196.1", "192.52.193.1", "192.88.99.1", "192.168.1.1", "192.175.48.1",
                "198.18.0.1", "198.19.255.255", "198.51.100.7", "203.0.113.9", "224.0.0.251", "239.255.255.250",
                "240.0.0.1", "255.255.255.255"}) {
            assertFalse(allowed(a), a);
        }
    }

    @Test
    void testRefused_everyIpv6SpecialPurposeBlock() throws Exception {
        for (String a : new String[] {"::", "::1", "::ffff:127.0.0.1", "::ffff:10.0.0.1", "::1.2.3.4",
                "64:ff9b::808:808", "64:ff9b:1::1", "100::1", "100:0:0:1::1", "2001::1", "2001:2::1",
                "2001:20::1", "2001:1ff:ffff::1", "2001:db8::1", "2002:c000:204::1", "2620:4f:8000::1", "3fff::1",
                "3fff:fff::1", "5f00::1", "fc00::1", "fd12:3456::1", "fe80::1", "febf::1", "fec0::1", "ff02::1"}) {
            assertFalse(allowed(a), a);
        }
    }

    @Test
    void testAllowed_publicAddressesJustOutsideTheBlocks() throws Exception {
        for (String a : new String[] {"1.1.1.1", "8.8.8.8", "9.255.255.255", "11.0.0.1", "100.63.255.255",
                "100.128.0.1", "172.15.255.255", "172.32.0.1", "192.0.1.1", "192.169.0.1", "198.17.255.255",
                "198.20.0.1", "223.255.255.255", "2001:200::1", "2001:4860:4860::8888", "2606:4700:4700::1111",
                "2620:4f:8001::1", "3fff:1000::1", "2a00:1450:4001::1"}) {
            assertTrue(allowed(a), a);
        }
    }

    @Test
    void testAllowed_sandboxAllowsLoopback() throws Exception {
        assertTrue(new AddressPolicy(true).allows(InetAddress.getByName("127.0.0.1")));
    }
}
