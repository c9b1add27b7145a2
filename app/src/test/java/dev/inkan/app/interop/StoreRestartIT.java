package dev.inkan.app.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.inkan.storage.StoreCredential;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.shredzone.acme4j.Account;
import org.shredzone.acme4j.AccountBuilder;
import org.shredzone.acme4j.Authorization;
import org.shredzone.acme4j.Certificate;
import org.shredzone.acme4j.Login;
import org.shredzone.acme4j.Order;
import org.shredzone.acme4j.Session;
import org.shredzone.acme4j.Status;
import org.shredzone.acme4j.challenge.Dns01Challenge;
import org.shredzone.acme4j.exception.AcmeServerException;
import org.shredzone.acme4j.util.KeyPairUtils;

/**
 * The store process killed and a new one started over the same files while the CA runs: requests fail with
 * {@code serverInternal} while it is down, the driver reconnects by itself, nothing acknowledged is lost, and an
 * order begun before the outage completes after it.
 */
@Timeout(600)
class StoreRestartIT {
    private static Path storeFile;
    private static int storePort;
    private static Process store;
    private static SandboxServer server;
    private static SSLContext tls;

    @BeforeAll
    static void start() throws Exception {
        java.security.Security.addProvider(new org.bouncycastle.jce.provider.BouncyCastleProvider());
        Path home = Path.of(System.getProperty("inkan.itHome", "target/it-home")).toAbsolutePath()
                .resolveSibling("it-home-store-restart");
        SandboxServer.deleteTree(home);
        storeFile = home.resolve("store-process/inkan.mv");
        storePort = SandboxServer.freePorts(1)[0];
        store = startStore();
        StoreCredential credential = StoreCredential.read(StoreCredential.fileFor(storeFile));
        // a short server selection timeout: while the store is down a request fails in seconds, not after 30 s
        String uri = "mongodb://" + credential.user() + ":" + URLEncoder.encode(credential.password(),
                StandardCharsets.UTF_8) + "@127.0.0.1:" + storePort + "/?authSource=" + StoreCredential.SOURCE
                + "&authMechanism=SCRAM-SHA-256&serverSelectionTimeoutMS=3000&connectTimeoutMS=2000";
        server = SandboxServer.start(home.resolve("ca"), Map.of("INKAN_STORAGE_URI", uri));
        tls = Pem.trusting(server.tlsRoot());
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.stop();
        }
        if (store != null) {
            store.destroyForcibly().waitFor(20, TimeUnit.SECONDS);
        }
    }

    /** A store process over {@link #storeFile} on {@link #storePort}, once it says it is ready. */
    private static Process startStore() throws Exception {
        ProcessBuilder pb = new ProcessBuilder(SandboxServer.javaBin(), "-cp", System.getProperty("java.class.path"),
                StoreProcess.class.getName(), storeFile.toString(), String.valueOf(storePort))
                .redirectErrorStream(true);
        Process p = pb.start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        String line;
        StringBuilder said = new StringBuilder();
        while ((line = out.readLine()) != null) {
            said.append(line).append('\n');
            if (line.startsWith("store ready")) {
                Thread drain = new Thread(() -> {
                    try {
                        while (out.readLine() != null) {
                            // keep the pipe from filling
                        }
                    } catch (java.io.IOException e) {
                        // the process ended
                    }
                });
                drain.setDaemon(true);
                drain.start();
                return p;
            }
            if (System.nanoTime() > until) {
                break;
            }
        }
        p.destroyForcibly();
        throw new IllegalStateException("the store process did not start:\n" + said);
    }

    private static Session session() {
        return new Session(URI.create(server.directoryUrl()), new SandboxProvider(tls));
    }

    private static void answerDns01(Authorization auth) throws Exception {
        Dns01Challenge c = auth.findChallenge(Dns01Challenge.class).orElseThrow();
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(server.managementUrl() + "/set-txt"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"host\":\"_acme-challenge."
                        + auth.getIdentifier().getDomain() + ".\",\"value\":\"" + c.getDigest() + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        c.trigger();
        assertEquals(Status.VALID, c.waitForCompletion(Duration.ofSeconds(60)), () -> String.valueOf(c.getError()));
    }

    private static Certificate finish(Order order, KeyPair domainKey) throws Exception {
        for (Authorization auth : order.getAuthorizations()) {
            if (auth.getStatus() != Status.VALID) {
                answerDns01(auth);
            }
        }
        assertEquals(Status.READY, order.waitUntilReady(Duration.ofSeconds(60)));
        order.execute(domainKey);
        assertEquals(Status.VALID, order.waitForCompletion(Duration.ofSeconds(120)), () -> String.valueOf(order.getError()));
        Certificate cert = order.getCertificate();
        cert.download();
        return cert;
    }

    @Test
    void testSuccess_storeKilledAndRestartedUnderTheRunningCa() throws Exception {
        KeyPair accountKey = KeyPairUtils.createKeyPair();
        Account account = new AccountBuilder().agreeToTermsOfService().useKeyPair(accountKey).create(session());
        Certificate before = finish(account.newOrder().domain("before.restart.example.com").create(),
                KeyPairUtils.createECKeyPair("secp256r1"));
        Order pending = account.newOrder().domain("across.restart.example.com").create();

        // the store dies: no clean shutdown, as a crash or kill -9 would leave it
        store.destroyForcibly().waitFor(20, TimeUnit.SECONDS);
        AcmeServerException down = assertThrows(AcmeServerException.class,
                () -> account.newOrder().domain("during.restart.example.com").create());
        assertEquals("urn:ietf:params:acme:error:serverInternal", down.getType().toString(), down.getMessage());
        assertTrue(server.isAlive(), "the CA process stopped with its store");

        store = startStore();
        // the driver finds the new store by itself; the first requests may still see the old pool's dead connections
        Login login = session().login(account.getLocation(), accountKey);
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        Order after = null;
        while (after == null) {
            try {
                after = login.getAccount().newOrder().domain("after.restart.example.com").create();
            } catch (AcmeServerException stillReconnecting) {
                assertEquals("urn:ietf:params:acme:error:serverInternal", stillReconnecting.getType().toString());
                assertTrue(System.nanoTime() < until, "the CA never reconnected to the restarted store");
                Thread.sleep(500);
            }
        }

        // nothing acknowledged was lost: the certificate issued before, and the order begun before
        X509Certificate issued = before.getCertificate();
        Certificate again = login.bindCertificate(before.getLocation());
        again.download();
        assertEquals(issued, again.getCertificate());
        Order across = login.bindOrder(pending.getLocation());
        across.fetch();
        assertEquals(Status.PENDING, across.getStatus());
        Certificate resumed = finish(across, KeyPairUtils.createECKeyPair("secp256r1"));
        assertEquals(List.of("across.restart.example.com"), resumed.getCertificate().getSubjectAlternativeNames()
                .stream().map(n -> String.valueOf(n.get(1))).toList());
        finish(after, KeyPairUtils.createECKeyPair("secp256r1"));
    }
}
