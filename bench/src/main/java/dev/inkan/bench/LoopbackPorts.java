package dev.inkan.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Loopback ports for servers a launcher starts as processes. A port picked free and closed is only free until its
 * server binds it; a port from the kernel's ephemeral range can be taken in between as the local port of any
 * outgoing connection (the started CA's own connections to its store and its peers included), which made a started
 * process fail to bind. Ports below that range are never handed out that way, so they are picked there.
 */
public final class LoopbackPorts {
    private static final Path EPHEMERAL_RANGE = Path.of("/proc/sys/net/ipv4/ip_local_port_range");
    private static final int LOWEST = 10_000;

    private LoopbackPorts() {}

    /** {@code n} distinct ports of 127.0.0.1 free right now, below the ephemeral range where it leaves room. */
    public static int[] free(int n) throws IOException {
        int below = ephemeralLow();
        List<ServerSocket> held = new ArrayList<>();
        int[] ports = new int[n];
        try {
            for (int i = 0; i < n; i++) {
                ServerSocket s = below - LOWEST >= 1_000 ? bindBelow(below) : null;
                if (s == null) {
                    s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                }
                held.add(s);
                ports[i] = s.getLocalPort();
            }
        } finally {
            for (ServerSocket s : held) {
                s.close();
            }
        }
        return ports;
    }

    private static ServerSocket bindBelow(int below) {
        for (int attempt = 0; attempt < 200; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(LOWEST, below);
            try {
                ServerSocket s = new ServerSocket();
                try {
                    s.bind(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1);
                    return s;
                } catch (IOException taken) {
                    s.close();
                }
            } catch (IOException e) {
                return null;
            }
        }
        return null;
    }

    private static int ephemeralLow() {
        try {
            String[] range = Files.readString(EPHEMERAL_RANGE).trim().split("\\s+");
            return Integer.parseInt(range[0]);
        } catch (IOException | RuntimeException e) {
            return LOWEST;
        }
    }
}
