package dev.inkan.app.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Every listener of a running sandbox, not only ACME, cuts off a slowloris peer (headers trickled a byte a second,
 * never idle) at the header deadline, and refuses oversized headers and bodies.
 */
@Timeout(300)
class ListenerLimitsIT {
    /** listeners.headerTimeoutSeconds in the sandbox; a trickling peer must be gone well before this plus slack. */
    private static final long HEADER_TIMEOUT_SECONDS = 20;
    private static SandboxServer sandbox;
    private static SSLContext tls;

    @BeforeAll
    static void start() throws Exception {
        sandbox = SandboxServer.shared();
        tls = Pem.trusting(sandbox.tlsRoot());
    }

    private static Socket connect(int port, boolean secure) throws Exception {
        Socket s;
        if (secure) {
            SSLSocket ssl = (SSLSocket) tls.getSocketFactory().createSocket(InetAddress.getLoopbackAddress(), port);
            ssl.startHandshake();
            s = ssl;
        } else {
            s = new Socket(InetAddress.getLoopbackAddress(), port);
        }
        s.setSoTimeout((int) TimeUnit.SECONDS.toMillis(HEADER_TIMEOUT_SECONDS + 30));
        return s;
    }

    /** Seconds until the server closed a connection that trickles its headers, or -1 if it never did. */
    private static long secondsUntilCutOff(int port, boolean secure) throws Exception {
        try (Socket s = connect(port, secure)) {
            long start = System.nanoTime();
            OutputStream out = s.getOutputStream();
            out.write("GET / HTTP/1.1\r\nHost: localhost\r\nX-Slow: ".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            Thread writer = new Thread(() -> {
                try {
                    for (int i = 0; i < 120; i++) {
                        Thread.sleep(1000);
                        out.write('a');
                        out.flush();
                    }
                } catch (Exception e) {
                    // cut off by the server, or stopped by the test
                }
            });
            writer.setDaemon(true);
            writer.start();
            try {
                InputStream in = s.getInputStream();
                while (in.read() >= 0) {
                    // whatever the server says before it closes
                }
            } catch (SocketTimeoutException e) {
                return -1;
            } catch (java.io.IOException e) {
                // reset: closed as well
            } finally {
                writer.interrupt();
            }
            return TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);
        }
    }

    @Test
    void testFailure_slowlorisIsCutOffOnEveryListener() throws Exception {
        Map<String, int[]> listeners = new LinkedHashMap<>();
        listeners.put("acme", new int[] {sandbox.acmePort, 1});
        listeners.put("relying parties", new int[] {sandbox.publicPort, 0});
        listeners.put("order API", new int[] {sandbox.orderApiPort, 1});
        listeners.put("portal", new int[] {sandbox.portalPort, 1});
        listeners.put("console", new int[] {sandbox.consolePort, 1});
        ExecutorService pool = Executors.newFixedThreadPool(listeners.size());
        try {
            Map<String, Future<Long>> cut = new LinkedHashMap<>();
            listeners.forEach((name, at) -> cut.put(name, pool.submit(() -> secondsUntilCutOff(at[0], at[1] == 1))));
            List<String> held = new ArrayList<>();
            for (Map.Entry<String, Future<Long>> e : cut.entrySet()) {
                long seconds = e.getValue().get(HEADER_TIMEOUT_SECONDS + 60, TimeUnit.SECONDS);
                if (seconds < 0 || seconds > HEADER_TIMEOUT_SECONDS + 10) {
                    held.add(e.getKey() + " held the trickling connection " + (seconds < 0 ? "open" : seconds + " s"));
                }
            }
            assertEquals(List.of(), held);
        } finally {
            pool.shutdownNow();
        }
    }

    /** Sends a request and returns the status line of the answer. */
    private static String statusLine(int port, String request, int bodyBytes) throws Exception {
        try (Socket s = connect(port, true)) {
            OutputStream out = s.getOutputStream();
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            try {
                byte[] chunk = new byte[8192];
                for (int sent = 0; sent < bodyBytes; sent += chunk.length) {
                    out.write(chunk);
                }
                out.flush();
            } catch (java.io.IOException e) {
                // the server answered and closed before taking the whole body
            }
            byte[] head = s.getInputStream().readNBytes(12);
            return new String(head, StandardCharsets.US_ASCII);
        }
    }

    @Test
    void testFailure_oversizedHeadersAreRefusedByTheOrderApiPortalAndConsole() throws Exception {
        String request = "GET / HTTP/1.1\r\nHost: localhost\r\nX-Big: " + "a".repeat(20_000)
                + "\r\nConnection: close\r\n\r\n";
        for (int port : List.of(sandbox.orderApiPort, sandbox.portalPort, sandbox.consolePort)) {
            String status = statusLine(port, request, 0);
            assertTrue(status.startsWith("HTTP/1.1 431") || status.startsWith("HTTP/1.1 400"), port + ": " + status);
        }
    }

    @Test
    void testFailure_oversizedBodiesAreRefusedByTheOrderApiAndConsole() throws Exception {
        int tooMuch = 8 * 1024 * 1024;
        String orderApi = "POST /api/v1/orders HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                + "Authorization: Bearer x\r\nContent-Length: " + tooMuch + "\r\nConnection: close\r\n\r\n";
        assertEquals("HTTP/1.1 413", statusLine(sandbox.orderApiPort, orderApi, 256 * 1024));
        String console = "POST /login HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                + "Content-Length: " + tooMuch + "\r\nConnection: close\r\n\r\n";
        assertEquals("HTTP/1.1 413", statusLine(sandbox.consolePort, console, 256 * 1024));
    }
}
