package dev.inkan.app.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.inkan.harness.Harness;
import dev.inkan.harness.HarnessConfig;
import io.vertx.core.Vertx;
import io.vertx.core.net.SelfSignedCertificate;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.shredzone.acme4j.Account;
import org.shredzone.acme4j.AccountBuilder;
import org.shredzone.acme4j.Order;
import org.shredzone.acme4j.Problem;
import org.shredzone.acme4j.Session;
import org.shredzone.acme4j.Status;
import org.shredzone.acme4j.challenge.Dns01Challenge;
import org.shredzone.acme4j.util.KeyPairUtils;

/**
 * BR 3.2.2.9 end to end: a sandbox CA whose primary perspective is corroborated by three remote perspectives, each
 * its own {@code inkan perspective} process with its own resolver, over mutual TLS. remote-1 sees the sandbox's
 * DNS; remote-2 and remote-3 each see a DNS of their own, so a record published in only some of them makes those
 * perspectives disagree.
 */
class MpicIT {
    private static final List<Process> remotes = new ArrayList<>();
    private static SandboxServer server;
    private static SSLContext tls;
    private static Vertx vertx;
    private static Harness viewOfRemote2;
    private static Harness viewOfRemote3;


    @BeforeAll
    static void start() throws Exception {
        java.security.Security.addProvider(new org.bouncycastle.jce.provider.BouncyCastleProvider());
        Path home = Path.of(System.getProperty("inkan.itHome", "target/it-home")).toAbsolutePath()
                .resolveSibling("it-mpic-home");
        SandboxServer.deleteTree(home);
        Files.createDirectories(home);
        vertx = Vertx.vertx();
        viewOfRemote2 = await(Harness.start(vertx, HarnessConfig.ephemeral().withHttp01(null)));
        viewOfRemote3 = await(Harness.start(vertx, HarnessConfig.ephemeral().withHttp01(null)));

        SelfSignedCertificate primary = SelfSignedCertificate.create("localhost");
        List<SelfSignedCertificate> remoteCerts = List.of(SelfSignedCertificate.create("localhost"),
                SelfSignedCertificate.create("localhost"), SelfSignedCertificate.create("localhost"));
        Path trust = home.resolve("remote-perspectives.pem");
        StringBuilder pems = new StringBuilder();
        for (SelfSignedCertificate c : remoteCerts) {
            pems.append(Files.readString(Path.of(c.certificatePath())));
        }
        Files.writeString(trust, pems);
        int[] ports = SandboxServer.freePorts(3);
        String[] regions = {"APNIC", "ARIN", "RIPE NCC"};
        StringBuilder json = new StringBuilder("[");
        for (int i = 0; i < 3; i++) {
            json.append(i == 0 ? "" : ",").append("{\"name\":\"remote-").append(i + 1)
                    .append("\",\"url\":\"https://localhost:").append(ports[i]).append("\",\"region\":\"")
                    .append(regions[i]).append("\"}");
        }
        server = SandboxServer.start(home, Map.of(
                "INKAN_VALIDATION_REMOTE_PERSPECTIVES", json.append("]").toString(),
                "INKAN_VALIDATION_PERSPECTIVE_CERT", primary.certificatePath(),
                "INKAN_VALIDATION_PERSPECTIVE_KEY", primary.privateKeyPath(),
                "INKAN_VALIDATION_PERSPECTIVE_TRUST", trust.toString()));
        tls = Pem.trusting(server.tlsRoot());
        String[] resolvers = {"127.0.0.1:" + server.dnsPort, viewOfRemote2.dnsAddress(), viewOfRemote3.dnsAddress()};
        for (int i = 0; i < 3; i++) {
            remotes.add(startRemote(home, "remote-" + (i + 1), ports[i], remoteCerts.get(i), primary, resolvers[i]));
        }
        for (int port : ports) {
            awaitListening(port);
        }
    }

    @AfterAll
    static void stop() throws Exception {
        for (Process p : remotes) {
            p.destroy();
            p.waitFor(10, TimeUnit.SECONDS);
        }
        if (server != null) {
            server.stop();
        }
        if (viewOfRemote2 != null) {
            await(viewOfRemote2.stop());
        }
        if (viewOfRemote3 != null) {
            await(viewOfRemote3.stop());
        }
        if (vertx != null) {
            await(vertx.close());
        }
    }

    private static Process startRemote(Path home, String name, int port, SelfSignedCertificate cert,
            SelfSignedCertificate primary, String resolver) throws IOException {
        Path dir = home.resolve(name);
        Files.createDirectories(dir);
        Map<String, String> env = new HashMap<>();
        env.put("INKAN_HOME", dir.toString());
        env.put("INKAN_PERSPECTIVE_NAME", name);
        env.put("INKAN_PERSPECTIVE_LISTEN", "127.0.0.1:" + port);
        env.put("INKAN_PERSPECTIVE_CERT", cert.certificatePath());
        env.put("INKAN_PERSPECTIVE_KEY", cert.privateKeyPath());
        env.put("INKAN_PERSPECTIVE_CLIENT_TRUST", primary.certificatePath());
        env.put("INKAN_VALIDATION_DNS_RESOLVERS", resolver);
        ProcessBuilder pb = new ProcessBuilder(SandboxServer.javaBin(), "-jar", SandboxServer.jar().toString(),
                "perspective").redirectErrorStream(true).redirectOutput(dir.resolve("perspective.log").toFile());
        pb.environment().putAll(env);
        return pb.start();
    }

    private static void awaitListening(int port) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 500);
                return;
            } catch (IOException e) {
                Thread.sleep(200);
            }
        }
        throw new IllegalStateException("remote perspective on port " + port + " did not start");
    }

    private static Account newAccount() throws Exception {
        return new AccountBuilder().agreeToTermsOfService().useKeyPair(KeyPairUtils.createKeyPair())
                .create(new Session(URI.create(server.directoryUrl()), new SandboxProvider(tls)));
    }

    /** Publishes the dns-01 record in the sandbox's DNS and in the views named, then answers the challenge. */
    private static Dns01Challenge answer(Order order, Harness... alsoIn) throws Exception {
        Dns01Challenge c = order.getAuthorizations().get(0).findChallenge(Dns01Challenge.class).orElseThrow();
        String host = "_acme-challenge." + order.getAuthorizations().get(0).getIdentifier().getDomain();
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(server.managementUrl() + "/set-txt"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"host\":\"" + host + "\",\"value\":\"" + c.getDigest()
                        + "\"}")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        for (Harness h : alsoIn) {
            h.setTxt(host, c.getDigest());
        }
        c.trigger();
        c.waitForCompletion(Duration.ofSeconds(30));
        return c;
    }

    @Test
    void testMpic_oneRemoteDisagreeingStillIssues() throws Exception {
        Account account = newAccount();
        Order order = account.newOrder().domain("one-off.mpic-it.example.com").create();
        Dns01Challenge c = answer(order, viewOfRemote2);
        assertEquals(Status.VALID, c.getStatus(), () -> String.valueOf(c.getError().map(Problem::toString)));
        assertEquals(Status.READY, order.waitUntilReady(Duration.ofSeconds(30)));
        order.execute(KeyPairUtils.createECKeyPair("secp256r1"));
        assertEquals(Status.VALID, order.waitForCompletion(Duration.ofSeconds(60)));
        // each remote really looked, through its own resolver
        assertFalse(viewOfRemote2.dnsRequestHistory("_acme-challenge.one-off.mpic-it.example.com").isEmpty());
        assertFalse(viewOfRemote3.dnsRequestHistory("_acme-challenge.one-off.mpic-it.example.com").isEmpty());
    }

    @Test
    void testMpic_twoRemotesDisagreeingRefuses() throws Exception {
        Account account = newAccount();
        Order order = account.newOrder().domain("two-off.mpic-it.example.com").create();
        Dns01Challenge c = answer(order);
        assertEquals(Status.INVALID, c.getStatus());
        Problem p = c.getError().orElseThrow();
        assertEquals("urn:ietf:params:acme:error:unauthorized", p.getType().toString());
        String detail = p.getDetail().orElse("");
        assertTrue(detail.contains("During secondary validation"), detail);
        // remote-1 may have been cancelled once two disagreements decided the quorum: 0/3 or 1/3
        assertTrue(detail.matches(".*[01]/3 remote perspectives corroborated.*"), detail);
        assertTrue(detail.contains("remote-2: unauthorized") || detail.contains("remote-3: unauthorized"), detail);
    }

    private static <T> T await(io.vertx.core.Future<T> f) throws Exception {
        return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
}
