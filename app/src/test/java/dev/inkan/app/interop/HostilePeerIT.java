package dev.inkan.app.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.shredzone.acme4j.Account;
import org.shredzone.acme4j.AccountBuilder;
import org.shredzone.acme4j.Authorization;
import org.shredzone.acme4j.Certificate;
import org.shredzone.acme4j.Order;
import org.shredzone.acme4j.Session;
import org.shredzone.acme4j.Status;
import org.shredzone.acme4j.challenge.Challenge;
import org.shredzone.acme4j.challenge.Dns01Challenge;
import org.shredzone.acme4j.challenge.Http01Challenge;
import org.shredzone.acme4j.challenge.TlsAlpn01Challenge;
import org.shredzone.acme4j.util.KeyPairUtils;

/**
 * Hostile validation peers against a sandbox of its own: one account answers tls-alpn-01 and http-01 from servers
 * that trickle a byte a second and from servers that accept and never answer. Meanwhile another account's order
 * finalizes as usual and OCSP answers; every hostile validation ends (invalid) and every hostile connection is closed
 * by the CA. The peers listen on 127.0.0.2 and 127.0.0.3, where the mock DNS points the hostile names.
 */
@Timeout(300)
class HostilePeerIT {
    private static final int TRICKLING_TLS = 10;
    private static final int TRICKLING_HTTP = 4;
    private static final int SILENT_TLS = 2;
    private static final int SILENT_HTTP = 2;

    private static SandboxServer server;
    private static SSLContext tls;
    private static final List<HostilePeer> peers = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        java.security.Security.addProvider(new org.bouncycastle.jce.provider.BouncyCastleProvider());
        Path home = Path.of(System.getProperty("inkan.itHome", "target/it-home")).toAbsolutePath()
                .resolveSibling("it-home-hostile");
        SandboxServer.deleteTree(home);
        server = SandboxServer.start(home);
        tls = Pem.trusting(server.tlsRoot());
    }

    @AfterAll
    static void stop() throws Exception {
        for (HostilePeer p : peers) {
            p.close();
        }
        if (server != null) {
            server.stop();
        }
    }

    private static Session session() {
        return new Session(URI.create(server.directoryUrl()), new SandboxProvider(tls));
    }

    private static Account account() throws Exception {
        return new AccountBuilder().agreeToTermsOfService().useKeyPair(KeyPairUtils.createKeyPair()).create(session());
    }

    private static void management(String path, String json) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(server.managementUrl() + path)).POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
    }

    private static void pointAt(String name, String address) throws Exception {
        management("/add-a", "{\"host\":\"" + name + ".\",\"addresses\":[\"" + address + "\"]}");
    }

    @Test
    void testSuccess_hostilePeersHoldNeitherIssuanceNorOcsp() throws Exception {
        peers.add(HostilePeer.trickling("127.0.0.2", server.tlsPort, new byte[] {0x16, 0x03, 0x03, 0x40, 0x00}));
        peers.add(HostilePeer.trickling("127.0.0.2", server.http01Port,
                "HTTP/1.1 200 OK\r\nX-Slow: ".getBytes(StandardCharsets.US_ASCII)));
        peers.add(HostilePeer.silent("127.0.0.3", server.tlsPort));
        peers.add(HostilePeer.silent("127.0.0.3", server.http01Port));

        List<String> hostileNames = new ArrayList<>();
        List<Class<? extends Challenge>> kinds = new ArrayList<>();
        addHostile(hostileNames, kinds, "trickle-tls", TRICKLING_TLS, "127.0.0.2", TlsAlpn01Challenge.class);
        addHostile(hostileNames, kinds, "trickle-http", TRICKLING_HTTP, "127.0.0.2", Http01Challenge.class);
        addHostile(hostileNames, kinds, "silent-tls", SILENT_TLS, "127.0.0.3", TlsAlpn01Challenge.class);
        addHostile(hostileNames, kinds, "silent-http", SILENT_HTTP, "127.0.0.3", Http01Challenge.class);

        Account hostile = account();
        Order attack = hostile.newOrder().domains(hostileNames).create();
        List<Authorization> hostileAuthz = attack.getAuthorizations();
        for (Authorization auth : hostileAuthz) {
            Class<? extends Challenge> kind = kinds.get(hostileNames.indexOf(auth.getIdentifier().getDomain()));
            auth.findChallenge(kind).orElseThrow().trigger();
        }
        // the attack is under way: the CA holds connections to the hostile peers
        awaitTrue(() -> peers.stream().mapToInt(HostilePeer::open).sum() > 0, Duration.ofSeconds(20),
                "no validation reached a hostile peer");

        Account honest = account();
        KeyPair domainKey = KeyPairUtils.createECKeyPair("secp256r1");
        Order order = honest.newOrder().domains("honest.example.com").create();
        for (Authorization auth : order.getAuthorizations()) {
            Dns01Challenge c = auth.findChallenge(Dns01Challenge.class).orElseThrow();
            management("/set-txt", "{\"host\":\"_acme-challenge." + auth.getIdentifier().getDomain()
                    + ".\",\"value\":\"" + c.getDigest() + "\"}");
            c.trigger();
            assertEquals(Status.VALID, c.waitForCompletion(Duration.ofSeconds(30)), () -> String.valueOf(c.getError()));
        }
        assertEquals(Status.READY, order.waitUntilReady(Duration.ofSeconds(30)));
        order.execute(domainKey);
        assertEquals(Status.VALID, order.waitForCompletion(Duration.ofSeconds(60)), () -> String.valueOf(order.getError()));
        Certificate cert = order.getCertificate();
        cert.download();
        Path pem = server.home.resolve("honest.pem");
        try (var w = Files.newBufferedWriter(pem)) {
            cert.writeCertificate(w);
        }
        assertTrue(Certs.ocsp(server, pem).contains(": good"));

        // every hostile validation ends, none is left processing, and the CA closed every connection it opened
        for (Authorization auth : hostileAuthz) {
            awaitTrue(() -> {
                auth.fetch();
                return auth.getStatus() != Status.PENDING;
            }, Duration.ofSeconds(150), "authorization of " + auth.getIdentifier().getDomain() + " is still pending");
            assertEquals(Status.INVALID, auth.getStatus(), auth.getIdentifier().getDomain());
        }
        awaitTrue(() -> peers.stream().mapToInt(HostilePeer::open).sum() == 0, Duration.ofSeconds(20),
                "hostile connections still open: " + peers);
        assertTrue(peers.stream().mapToInt(HostilePeer::accepted).sum() >= TRICKLING_TLS, String.valueOf(peers));
        assertTrue(Certs.ocsp(server, pem).contains(": good"));
    }

    private static void addHostile(List<String> names, List<Class<? extends Challenge>> kinds, String prefix, int n,
            String address, Class<? extends Challenge> kind) throws Exception {
        for (int i = 0; i < n; i++) {
            String name = prefix + i + ".hostile.example.com";
            pointAt(name, address);
            names.add(name);
            kinds.add(kind);
        }
    }

    interface Check {
        boolean holds() throws Exception;
    }

    private static void awaitTrue(Check check, Duration within, String message) throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        while (!check.holds()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(message);
            }
            Thread.sleep(250);
        }
    }

    /**
     * A server that accepts every connection and then either trickles one byte a second after a prefix, or never
     * writes anything. It counts connections the other side has closed.
     */
    static final class HostilePeer implements AutoCloseable {
        private final ServerSocket socket;
        private final byte[] prefix;
        private final boolean trickle;
        private final ExecutorService threads = Executors.newCachedThreadPool();
        private final List<Socket> connections = new CopyOnWriteArrayList<>();
        private final AtomicInteger accepted = new AtomicInteger();
        private final AtomicInteger closedByPeer = new AtomicInteger();

        private HostilePeer(String address, int port, byte[] prefix, boolean trickle) throws IOException {
            this.socket = new ServerSocket();
            socket.bind(new InetSocketAddress(InetAddress.getByName(address), port));
            this.prefix = prefix;
            this.trickle = trickle;
            threads.submit(this::acceptLoop);
        }

        static HostilePeer trickling(String address, int port, byte[] prefix) throws IOException {
            return new HostilePeer(address, port, prefix, true);
        }

        static HostilePeer silent(String address, int port) throws IOException {
            return new HostilePeer(address, port, new byte[0], false);
        }

        int accepted() {
            return accepted.get();
        }

        int open() {
            return accepted.get() - closedByPeer.get();
        }

        private void acceptLoop() {
            while (!socket.isClosed()) {
                try {
                    Socket c = socket.accept();
                    accepted.incrementAndGet();
                    connections.add(c);
                    threads.submit(() -> serve(c));
                } catch (IOException e) {
                    return;
                }
            }
        }

        private void serve(Socket c) {
            try (c) {
                if (trickle) {
                    OutputStream out = c.getOutputStream();
                    out.write(prefix);
                    out.flush();
                    // a bounded trickle: one byte a second for far longer than any validation may take
                    for (int i = 0; i < 600; i++) {
                        Thread.sleep(1000);
                        out.write('a');
                        out.flush();
                    }
                } else {
                    InputStream in = c.getInputStream();
                    c.setSoTimeout(600_000);
                    while (in.read() >= 0) {
                        // never answer; read until the CA gives up and closes
                    }
                }
                closedByPeer.incrementAndGet();
            } catch (IOException e) {
                closedByPeer.incrementAndGet();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public void close() throws IOException {
            socket.close();
            for (Socket c : connections) {
                c.close();
            }
            threads.shutdownNow();
        }

        @Override
        public String toString() {
            return socket.getLocalSocketAddress() + (trickle ? " trickling" : " silent") + ": accepted "
                    + accepted.get() + ", closed by the CA " + closedByPeer.get();
        }
    }
}
