package dev.inkan.app.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.inkan.core.model.CertificateRecord;
import dev.inkan.core.model.CertificateStatus;
import dev.inkan.harness.Harness;
import dev.inkan.harness.HarnessConfig;
import dev.inkan.harness.ct.FakeCtLog;
import dev.inkan.harness.ct.FakeCtLogs;
import dev.inkan.harness.ct.FakeLogEntry;
import dev.inkan.storage.Storage;
import dev.inkan.storage.StorageConfig;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import org.bouncycastle.asn1.x509.Certificate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.shredzone.acme4j.Account;
import org.shredzone.acme4j.AccountBuilder;
import org.shredzone.acme4j.Authorization;
import org.shredzone.acme4j.Session;
import org.shredzone.acme4j.Status;
import org.shredzone.acme4j.challenge.Dns01Challenge;
import org.shredzone.acme4j.exception.AcmeNetworkException;
import org.shredzone.acme4j.util.KeyPairUtils;

/**
 * The CA as several processes on one machine, as docs/operating.md describes: one store process (the embedded
 * server with its SCRAM credential), three front ends, a signer and its standby, and Debian's haproxy round-robin
 * in front (TLS at the balancer, health checks on {@code /health/ready}). The mock DNS and the fake CT logs run in
 * this JVM, shared by all. certbot and lego issue through the balancer; ACME clients keep issuing while one front
 * end is killed; then the active signer is frozen and killed with finalized orders queued, and the standby issues
 * them, with every signature the CT logs saw matched to one stored record and no order certified twice. A nonce
 * one front end issued is redeemed at it when the balancer sends the next request elsewhere (docs/design/nonces.md).
 * The whole run stays within {@link #BUDGET}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class MultiProcessIT {
    private static final Duration BUDGET = Duration.ofMinutes(4);
    private static final String[] FRONT_ENDS = {"fe1", "fe2", "fe3"};
    private static final int ORDERS_PER_CLIENT = 2;
    private static final AtomicInteger RETRIES = new AtomicInteger();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

    private static long startedAt;
    private static Path home;
    private static Vertx vertx;
    private static Harness harness;
    private static FakeCtLogs ctLogs;
    private static int storePort;
    private static String storeUri;
    private static int balancerPort;
    private static int publicPort;
    private static int http01Port;
    private static final Map<String, InkanProcess> processes = new LinkedHashMap<>();
    private static final Map<String, Integer> opsPorts = new HashMap<>();
    private static Process haproxy;
    private static Path tlsRoot;

    @BeforeAll
    static void start() throws Exception {
        startedAt = System.nanoTime();
        java.security.Security.addProvider(new org.bouncycastle.jce.provider.BouncyCastleProvider());
        home = Path.of(System.getProperty("inkan.itHome", "target/it-home")).toAbsolutePath()
                .resolveSibling("it-multi");
        SandboxServer.deleteTree(home);
        Files.createDirectories(home);
        int[] p = SandboxServer.freePorts(16);
        storePort = p[0];
        balancerPort = p[1];
        publicPort = p[2];
        http01Port = p[3];
        vertx = Vertx.vertx();
        harness = await(Harness.start(vertx, new HarnessConfig(new HarnessConfig.Bind("127.0.0.1", p[4]),
                new HarnessConfig.Bind("127.0.0.1", p[5]), null, "127.0.0.1", ""), Clock.systemUTC()));
        ctLogs = await(FakeCtLogs.start(vertx, FakeCtLogs.sandbox(), Clock.systemUTC()));
        Path logList = home.resolve("ct-log-list.json");
        Files.writeString(logList, ctLogs.logList().encodePrettily());

        InkanProcess store = InkanProcess.start("store", "store", home.resolve("store"),
                Map.of("INKAN_STORAGE_EMBEDDED_PORT", String.valueOf(storePort)));
        processes.put("store", store);
        store.await("store listening", left(), () -> InkanProcess.listening(storePort));
        storeUri = InkanProcess.storeUri(home.resolve("store"), storePort);

        Map<String, String> common = new HashMap<>();
        common.put("INKAN_STORAGE_URI", storeUri);
        common.put("INKAN_SANDBOX_HARNESS", "false");
        common.put("INKAN_NOTIFICATION_ENABLED", "false");
        common.put("INKAN_VETTING_ENABLED", "false");
        common.put("INKAN_ISSUANCE_CT_LOG_LIST", logList.toString());
        common.put("INKAN_VALIDATION_DNS_RESOLVERS", "127.0.0.1:" + harness.dnsPort());
        common.put("INKAN_VALIDATION_HTTP01_PORT", String.valueOf(http01Port));
        common.put("INKAN_ACME_BASE_URL", "https://localhost:" + balancerPort);
        common.put("INKAN_PUBLICHTTP_BASE_URL", "http://localhost:" + publicPort);
        common.put("INKAN_OPERATIONS_LOG_FORMAT", "json");

        // the active signer first: its ceremony makes the token and the hierarchy; the front ends need neither, so
        // they start meanwhile, and the standby, which shares the token, once the signer is ready
        startSigner("signer-a", p[6], p[7], common);
        for (int i = 0; i < FRONT_ENDS.length; i++) {
            Map<String, String> env = new HashMap<>(common);
            env.put("INKAN_ACME_LISTEN", "127.0.0.1:" + p[10 + 2 * i]);
            // the other front ends redeem this one's nonces here
            env.put("INKAN_OPERATIONS_LISTEN", "127.0.0.1:" + p[11 + 2 * i]);
            env.put("INKAN_OPERATIONS_NAME", FRONT_ENDS[i]);
            opsPorts.put(FRONT_ENDS[i], p[11 + 2 * i]);
            processes.put(FRONT_ENDS[i], InkanProcess.start(FRONT_ENDS[i], "frontend", home.resolve(FRONT_ENDS[i]),
                    env));
        }
        awaitReady("signer-a");
        startSigner("signer-b", p[8], p[9], common);
        for (String fe : FRONT_ENDS) {
            awaitReady(fe);
        }
        tlsRoot = home.resolve("fe1/tls/tls-root.pem");
        haproxy = startHaproxy(p);
        awaitDirectory();
        System.out.println("multi-process CA up after " + elapsed().toSeconds() + " s");
    }

    private static void startSigner(String name, int publicListen, int ops, Map<String, String> common)
            throws IOException {
        Map<String, String> env = new HashMap<>(common);
        env.put("INKAN_PUBLICHTTP_LISTEN", "127.0.0.1:" + publicListen);
        env.put("INKAN_OPERATIONS_LISTEN", "127.0.0.1:" + ops);
        env.put("INKAN_OPERATIONS_NAME", name);
        opsPorts.put(name, ops);
        // the signer and its standby share one token, as two hosts share one network HSM
        processes.put(name, InkanProcess.start(name, "signer", home.resolve("signer"), env));
    }

    private static Process startHaproxy(int[] p) throws Exception {
        Path pem = home.resolve("haproxy.pem");
        Files.writeString(pem, Files.readString(home.resolve("fe1/tls/server.pem"))
                + Files.readString(home.resolve("fe1/tls/server-key.pem")));
        StringBuilder cfg = new StringBuilder("""
                global
                    maxconn 512
                defaults
                    mode http
                    timeout connect 2s
                    timeout client 90s
                    timeout server 90s
                    retries 3
                    option redispatch 1
                    # an ACME POST replayed on another front end is safe: its nonce was spent, so it is
                    # answered badNonce and the client retries with a fresh one (RFC 8555 §6.5)
                    retry-on conn-failure empty-response response-timeout
                frontend acme
                """);
        cfg.append("    bind 127.0.0.1:").append(balancerPort).append(" ssl crt ").append(pem).append('\n');
        cfg.append("""
                    default_backend frontends
                backend frontends
                    balance roundrobin
                    option httpchk GET /health/ready
                    http-check expect status 200
                """);
        for (int i = 0; i < FRONT_ENDS.length; i++) {
            cfg.append("    server ").append(FRONT_ENDS[i]).append(" 127.0.0.1:").append(p[10 + 2 * i])
                    .append(" ssl verify none check no-check-ssl port ").append(p[11 + 2 * i])
                    .append(" inter 1s fall 2 rise 2\n");
        }
        cfg.append("frontend public\n    bind 127.0.0.1:").append(publicPort).append('\n');
        cfg.append("""
                    default_backend signers
                backend signers
                    option httpchk GET /health/ready
                    http-check expect status 200
                """);
        cfg.append("    server signer-a 127.0.0.1:").append(p[6]).append(" check port ").append(p[7])
                .append(" inter 1s fall 2 rise 2\n");
        cfg.append("    server signer-b 127.0.0.1:").append(p[8]).append(" check port ").append(p[9])
                .append(" inter 1s fall 2 rise 2\n");
        Path config = home.resolve("haproxy.cfg");
        Files.writeString(config, cfg.toString());
        Path log = home.resolve("haproxy.log");
        return new ProcessBuilder("haproxy", "-db", "-f", config.toString()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
    }

    @AfterAll
    static void stop() throws Exception {
        if (haproxy != null) {
            haproxy.destroy();
            haproxy.waitFor(10, TimeUnit.SECONDS);
        }
        List<InkanProcess> all = new ArrayList<>(processes.values());
        java.util.Collections.reverse(all);
        for (InkanProcess p : all) {
            p.stop();
        }
        if (vertx != null) {
            if (harness != null) {
                harness.stop().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            }
            if (ctLogs != null) {
                ctLogs.stop().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            }
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
        if (startedAt != 0) {
            System.out.println("multi-process run took " + elapsed().toSeconds() + " s");
        }
    }

    @Test
    @Order(1)
    void testCertbotIssuesThroughTheBalancer() throws Exception {
        Path dir = home.resolve("certbot");
        ClientRun run = ClientRun.run(dir, Map.of("REQUESTS_CA_BUNDLE", tlsRoot.toString()), left(), List.of(
                "certbot", "certonly", "--standalone", "--http-01-port", String.valueOf(http01Port),
                "--http-01-address", "127.0.0.1", "--agree-tos", "--register-unsafely-without-email",
                "-d", "multi-certbot.example.com", "--non-interactive", "--server", directory(),
                "--config-dir", dir.resolve("config").toString(), "--work-dir", dir.resolve("work").toString(),
                "--logs-dir", dir.resolve("logs").toString()));
        assertEquals(0, run.exitCode(), run.describe());
        assertTrue(Files.isRegularFile(dir.resolve("config/live/multi-certbot.example.com/cert.pem")));
    }

    @Test
    @Order(2)
    void testLegoIssuesThroughTheBalancer() throws Exception {
        Path dir = home.resolve("lego");
        ClientRun run = ClientRun.run(dir, Map.of("LEGO_CA_CERTIFICATES", tlsRoot.toString()), left(), List.of(
                "lego", "--server", directory(), "--accept-tos", "--email", "ops@example.com",
                "--path", dir.resolve("data").toString(), "--key-type", "ec256", "--domains", "multi-lego.example.com",
                "--http", "--http.port", "127.0.0.1:" + http01Port, "run"));
        assertEquals(0, run.exitCode(), run.describe());
        assertTrue(Files.isRegularFile(dir.resolve("data/certificates/multi-lego.example.com.crt")));
    }

    @Test
    @Order(3)
    void testNoncesOfOneFrontEndAreRedeemedAtItThroughTheOthers() {
        // round-robin sends a client's next request to another front end than the one whose nonce it carries
        long accepted = 0;
        for (String fe : FRONT_ENDS) {
            accepted += counter(fe, "inkan_nonces_sent_on_total", "outcome=\"accepted\"");
        }
        System.out.println("nonces redeemed at the front end that issued them, for another: " + accepted);
        assertTrue(accepted > 0, "no nonce was redeemed across front ends");
    }

    @Test
    @Order(4)
    void testClientsSeeNoFailureWhileAFrontEndIsKilled() throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(3);
        try {
            List<Future<List<String>>> runs = new ArrayList<>();
            for (int c = 0; c < 3; c++) {
                int client = c;
                runs.add(clients.submit(() -> {
                    KeyPair accountKey = KeyPairUtils.createKeyPair();
                    // the same key finds the same account when the first answer was lost
                    Account account = retrying("newAccount", () -> newAccount(accountKey));
                    List<String> serials = new ArrayList<>();
                    for (int i = 0; i < ORDERS_PER_CLIENT; i++) {
                        String name = "load" + client + "-" + i + ".multi.example.com";
                        org.shredzone.acme4j.Order order = retrying("order " + name, () -> readyOrder(account, name));
                        KeyPair key = KeyPairUtils.createECKeyPair("secp256r1");
                        retrying("finalize " + name, () -> {
                            // a finalize whose answer was lost may have been accepted: look before sending it again
                            order.fetch();
                            if (order.getStatus() == Status.READY) {
                                order.execute(key);
                            }
                            return null;
                        });
                        assertEquals(Status.VALID, retrying("poll " + name, () -> order.waitForCompletion(left())),
                                () -> String.valueOf(order.getError().orElse(null)));
                        serials.add(retrying("download " + name, () -> order.getCertificate().getCertificate())
                                .getSerialNumber().toString(16));
                    }
                    return serials;
                }));
            }
            Thread.sleep(3_000);
            processes.get("fe3").kill();
            System.out.println("fe3 killed " + elapsed().toSeconds() + " s into the run");
            Set<String> serials = new TreeSet<>();
            for (Future<List<String>> run : runs) {
                serials.addAll(run.get(left().toMillis(), TimeUnit.MILLISECONDS));
            }
            assertEquals(3 * ORDERS_PER_CLIENT, serials.size());
            System.out.println("clients retried " + RETRIES.get() + " step(s) after a network error");
        } finally {
            clients.shutdownNow();
        }
    }

    @Test
    @Order(5)
    void testCertificatesWereIssuedThroughSeveralFrontEnds() {
        Map<String, Long> finalized = new TreeMap<>();
        for (String fe : FRONT_ENDS) {
            long n = processes.get(fe).logText().lines()
                    .filter(l -> l.startsWith("{") && l.contains("\"path\":\"/acme/finalize/")
                            && l.contains("\"status\":200"))
                    .count();
            finalized.put(fe, n);
        }
        System.out.println("orders finalized through each front end: " + finalized);
        assertTrue(finalized.values().stream().filter(n -> n > 0).count() >= 2, finalized.toString());
    }

    @Test
    @Order(6)
    void testStandbyIssuesTheQueuedOrdersOnceTheActiveSignerDies() throws Exception {
        // a standby is live but not ready: it serves nothing until it holds the lease
        awaitStatus("signer-b", "/health/live", 200);
        assertEquals(503, status("http://127.0.0.1:" + opsPorts.get("signer-b") + "/health/ready"));
        InkanProcess active = processes.get("signer-a");
        // frozen first, so the finalized orders are certainly waiting in the queue when it dies
        assertEquals(0, new ProcessBuilder("kill", "-STOP", String.valueOf(active.pid())).start().waitFor());
        Account account = newAccount();
        List<org.shredzone.acme4j.Order> orders = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            orders.add(readyOrder(account, "queued" + i + ".multi.example.com"));
        }
        for (org.shredzone.acme4j.Order o : orders) {
            o.execute(KeyPairUtils.createECKeyPair("secp256r1"));
        }
        active.kill();
        System.out.println("signer-a killed with " + orders.size() + " orders queued, " + elapsed().toSeconds()
                + " s into the run");
        Set<String> serials = new TreeSet<>();
        for (org.shredzone.acme4j.Order o : orders) {
            assertEquals(Status.VALID, o.waitForCompletion(left()), () -> o.getError().toString()
                    + "\n" + processes.get("signer-b").tail());
            serials.add(o.getCertificate().getCertificate().getSerialNumber().toString(16));
        }
        assertEquals(orders.size(), serials.size());
        assertTrue(processes.get("signer-b").logText().contains("taking over"));
        assertEveryLoggedSignatureIsRecordedOnce();
    }

    private static Account newAccount() throws Exception {
        return newAccount(KeyPairUtils.createKeyPair());
    }

    private static Account newAccount(KeyPair key) throws Exception {
        Session session = new Session(URI.create(directory()), new SandboxProvider(Pem.trusting(tlsRoot)));
        return new AccountBuilder().agreeToTermsOfService().useKeyPair(key).create(session);
    }

    /**
     * One client step, tried again after a network error as clients such as lego do: a request that was on the
     * killed front end when it died gets no answer when the balancer cannot replay it elsewhere.
     */
    private static <T> T retrying(String step, Callable<T> action) throws Exception {
        for (int attempt = 1; ; attempt++) {
            try {
                return action.call();
            } catch (AcmeNetworkException e) {
                if (attempt == 3) {
                    throw e;
                }
                RETRIES.incrementAndGet();
                System.out.println(step + ": " + e.getCause() + "; trying again");
                Thread.sleep(1_000);
            }
        }
    }

    private static org.shredzone.acme4j.Order readyOrder(Account account, String name) throws Exception {
        org.shredzone.acme4j.Order order = account.newOrder().domains(name).create();
        for (Authorization auth : order.getAuthorizations()) {
            Dns01Challenge c = auth.findChallenge(Dns01Challenge.class).orElseThrow();
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + harness.managementPort() + "/set-txt"))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"host\":\"_acme-challenge." + name
                            + ".\",\"value\":\"" + c.getDigest() + "\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode(), r.body());
            c.trigger();
            assertEquals(Status.VALID, c.waitForCompletion(left()), () -> c.getError().toString());
        }
        assertEquals(Status.READY, order.waitUntilReady(left()));
        return order;
    }

    /**
     * Every precertificate and certificate the CT logs received was signed by the HSM; each must have its serial's
     * stored record, each final certificate must be the record's bytes, and no order may have two.
     */
    private static void assertEveryLoggedSignatureIsRecordedOnce() throws Exception {
        Storage storage = await(Storage.open(vertx, StorageConfig.remote(storeUri, null), Clock.systemUTC()));
        try {
            Map<String, String> finalByOrder = new HashMap<>();
            int checked = 0;
            for (FakeCtLog log : ctLogs.logs()) {
                for (FakeLogEntry e : log.entries()) {
                    String serial = Certificate.getInstance(e.certificateDer()).getSerialNumber().getPositiveValue()
                            .toString(16);
                    Optional<CertificateRecord> record = await(storage.stores().certificates().bySerial(serial));
                    assertTrue(record.isPresent(), "a signature the CT log " + log.description()
                            + " saw has no stored record: serial " + serial);
                    checked++;
                    if (e.precertificate()) {
                        continue;
                    }
                    CertificateRecord r = record.get();
                    assertEquals(CertificateStatus.ISSUED, r.status(), serial);
                    assertTrue(java.util.Arrays.equals(r.der(), e.certificateDer()), "stored bytes differ: " + serial);
                    String before = finalByOrder.putIfAbsent(r.orderId(), serial);
                    assertTrue(before == null || before.equals(serial),
                            "order " + r.orderId() + " has two certificates: " + before + " and " + serial);
                }
            }
            System.out.println(checked + " CT log entries matched to stored records; "
                    + finalByOrder.size() + " orders certified once each");
            assertTrue(checked > 0);
        } finally {
            await(storage.close());
        }
    }

    /** The sum of a Prometheus counter's samples whose labels contain {@code label}, on one process. */
    private static long counter(String process, String name, String label) {
        String text;
        try {
            text = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + opsPorts.get(process)
                    + "/metrics")).timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
        long sum = 0;
        Matcher m = Pattern.compile("(?m)^" + name + "\\{([^}]*)\\} ([0-9.eE+]+)$").matcher(text);
        while (m.find()) {
            if (m.group(1).contains(label)) {
                sum += (long) Double.parseDouble(m.group(2));
            }
        }
        return sum;
    }

    private static Duration elapsed() {
        return Duration.ofNanos(System.nanoTime() - startedAt);
    }

    /** What is left of the run's budget: every wait stops there, so the whole run is bounded. */
    private static Duration left() {
        Duration left = BUDGET.minus(elapsed());
        if (left.isNegative() || left.isZero()) {
            throw new IllegalStateException("the multi-process run went over its " + BUDGET.toMinutes() + " minutes");
        }
        return left;
    }

    private static String directory() {
        return "https://localhost:" + balancerPort + "/directory";
    }

    private static void awaitReady(String name) throws InterruptedException {
        awaitStatus(name, "/health/ready", 200);
    }

    private static void awaitStatus(String name, String path, int expected) throws InterruptedException {
        int port = opsPorts.get(name);
        processes.get(name).await(path + " " + expected, left(),
                () -> status("http://127.0.0.1:" + port + path) == expected);
    }

    private static void awaitDirectory() throws Exception {
        SSLContext tls = Pem.trusting(tlsRoot);
        HttpClient c = HttpClient.newBuilder().sslContext(tls).connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + Math.min(left().toNanos(), Duration.ofSeconds(30).toNanos());
        while (System.nanoTime() < deadline) {
            try {
                if (c.send(HttpRequest.newBuilder(URI.create(directory())).timeout(Duration.ofSeconds(3)).build(),
                        HttpResponse.BodyHandlers.ofString()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // haproxy not up yet
            }
            Thread.sleep(300);
        }
        throw new IllegalStateException("haproxy did not answer " + directory() + ":\n"
                + Files.readString(home.resolve("haproxy.log")));
    }

    private static int status(String url) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static <T> T await(io.vertx.core.Future<T> f) throws Exception {
        return f.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    }
}
