package dev.inkan.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class LoopbackPortsTest {
    @Test
    void testSuccess_portsAreDistinctAndFreeToBind() throws Exception {
        int[] ports = LoopbackPorts.free(12);
        assertEquals(12, Arrays.stream(ports).distinct().count());
        for (int port : ports) {
            try (ServerSocket s = new ServerSocket()) {
                s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            }
        }
    }

    @Test
    void testSuccess_portsLieBelowTheEphemeralRangeOutgoingConnectionsUse() throws Exception {
        int low = Integer.parseInt(Files.readString(Path.of("/proc/sys/net/ipv4/ip_local_port_range")).trim()
                .split("\\s+")[0]);
        for (int port : LoopbackPorts.free(8)) {
            assertTrue(low < 11_000 || port < low, port + " is in the ephemeral range from " + low);
        }
    }
}
