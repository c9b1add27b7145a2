package dev.inkan.app.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.inkan.bench.IssuanceBench;
import dev.inkan.bench.LevelResult;
import dev.inkan.bench.Report;
import dev.inkan.core.model.CertificateRecord;
import dev.inkan.core.model.CertificateStatus;
import dev.inkan.harness.ct.FakeCtLog;
import dev.inkan.harness.ct.FakeLogEntry;
import dev.inkan.storage.Storage;
import dev.inkan.storage.StorageConfig;
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
 * The CA as several processes on one machine ({@link MultiProcessTopology}: a store process, three front ends, a
 * signer and its standby behind Debian's haproxy). certbot and lego issue through the balancer; ACME clients keep
 * issuing while one front end is killed; the order API answers on every front end and a portal session follows its
 * applicant from one front end to the next; the bench's load generator runs through the balancer; then the active signer is frozen and killed with finalized orders queued, and the standby issues
 * them, with every signature the CT logs saw matched to one stored record and no order certified twice. A nonce
 * one front end issued is redeemed at it when the balancer sends the next request elsewhere (docs/design/nonces.md).
 * The whole run stays within {@link #BUDGET}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class MultiProcessIT {
    // about 2 minutes on a quiet 2-core machine: start, certbot, lego, the load with a front end killed, the bench
    // through the balancer, the order API and portal, and a signer failover (its lease term alone is 30 s)
    private static final Duration BUDGET = Duration.ofMinutes(6);
    private static final String[] FRONT_ENDS = MultiProcessTopology.FRONT_ENDS;
    private static final int ORDERS_PER_CLIENT = 2;
    private static final AtomicInteger RETRIES = new AtomicInteger();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

    private static MultiProcessTopology topology;
    private static Path home;
    private static Path tlsRoot;

    @BeforeAll
    static void start() throws Exception {
        home = Path.of(System.getProperty("inkan.itHome", "target/it-home")).toAbsolutePath()
                .resolveSibling("it-multi");
        topology = MultiProcessTopology.start(home, BUDGET);
        tlsRoot = topology.tlsRoot();
        System.out.println("multi-process CA up after " + elapsed().toSeconds() + " s");
    }

    @AfterAll
    static void stop() throws Exception {
        if (topology != null) {
            topology.close();
            System.out.println("multi-process run took " + elapsed().toSeconds() + " s");
        }
    }

    @Test
    @Order(1)
    void testCertbotIssuesThroughTheBalancer() throws Exception {
        Path dir = home.resolve("certbot");
        ClientRun run = ClientRun.run(dir, Map.of("REQUESTS_CA_BUNDLE", tlsRoot.toString()), left(), List.of(
                "certbot", "certonly", "--standalone", "--http-01-port", String.valueOf(topology.http01Port()),
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
                "--http", "--http.port", "127.0.0.1:" + topology.http01Port(), "run"));
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
            topology.process("fe3").kill();
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
            long n = topology.process(fe).logText().lines()
                    .filter(l -> l.startsWith("{") && l.contains("\"path\":\"/acme/finalize/")
                            && l.contains("\"status\":200"))
                    .count();
            finalized.put(fe, n);
        }
        System.out.println("orders finalized through each front end: " + finalized);
        assertTrue(finalized.values().stream().filter(n -> n > 0).count() >= 2, finalized.toString());
    }

    @Test
    @Order(5)
    void testFrontEndsSeeTheClientsAddressNotTheBalancers() {
        // the balancer connects from 127.0.0.2; the clients of this test from 127.0.0.1 (listeners.proxyProtocol)
        Map<String, Long> byClient = new TreeMap<>();
        for (String fe : FRONT_ENDS) {
            topology.process(fe).logText().lines()
                    .filter(l -> l.startsWith("{") && l.contains("\"path\":\"/acme/"))
                    .map(l -> new io.vertx.core.json.JsonObject(l).getString("client"))
                    .forEach(client -> byClient.merge(String.valueOf(client), 1L, Long::sum));
        }
        System.out.println("ACME requests at the front ends by client address: " + byClient);
        assertEquals(Set.of("127.0.0.1"), byClient.keySet());
    }

    @Test
    @Order(6)
    void testTheOrderApiAnswersThroughTheBalancerOnEveryFrontEnd() throws Exception {
        // a reseller and its key made on fe1's host, as an operator does; the key is in the store
        ClientRun created = topology.command("fe1", "reseller", "create", "--name", "Balanced Reseller", "--email",
                "balanced@example.com");
        assertEquals(0, created.exitCode(), created.describe());
        String reseller = line(created, "reseller: ");
        ClientRun key = topology.command("fe1", "reseller", "key-create", "--reseller", reseller);
        assertEquals(0, key.exitCode(), key.describe());
        String apiKey = line(key, "api key: ");
        HttpClient https = HttpClient.newBuilder().sslContext(Pem.trusting(tlsRoot))
                .connectTimeout(Duration.ofSeconds(5)).build();
        // round-robin: three requests meet the front ends in turn (fe3 was killed: the others answer)
        for (int i = 0; i < FRONT_ENDS.length; i++) {
            HttpResponse<String> r = https.send(HttpRequest.newBuilder(URI.create("https://localhost:"
                            + topology.orderApiPort() + "/api/v1/reseller")).header("Authorization", "Bearer " + apiKey)
                    .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode(), r.body());
            assertTrue(r.body().contains("\"" + reseller + "\""), r.body());
        }
    }

    @Test
    @Order(7)
    void testThePortalsSessionFollowsItsApplicantFromOneFrontEndToTheNext() throws Exception {
        HttpClient https = HttpClient.newBuilder().sslContext(Pem.trusting(tlsRoot))
                .cookieHandler(new java.net.CookieManager()).connectTimeout(Duration.ofSeconds(5)).build();
        String portal = "https://localhost:" + topology.portalPort();
        HttpResponse<String> page = https.send(HttpRequest.newBuilder(URI.create(portal + "/"))
                .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, page.statusCode(), page.body());
        assertTrue(page.body().contains("ログイン"), "the portal's sign-in page, in Japanese first");
        Matcher csrf = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(page.body());
        assertTrue(csrf.find(), page.body());
        // the next requests go to the other front ends in turn: the session and its CSRF token are in the store,
        // so each knows the form; the sign-in itself is refused for its wrong password, not for the form
        for (int i = 0; i < 2; i++) {
            HttpResponse<String> signIn = https.send(HttpRequest.newBuilder(URI.create(portal + "/login"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("_csrf=" + csrf.group(1)
                            + "&email=nobody%40example.com&password=not-the-password"))
                    .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
            // the page speaks Japanese first: the refusal of the password, not of the form (the CSRF check)
            assertTrue(!signIn.body().contains("フォームの有効期限が切れた")
                            && signIn.body().contains("メールアドレスまたはパスワードが違います"),
                    signIn.statusCode() + " " + signIn.body());
        }
    }

    private static String line(ClientRun run, String prefix) {
        return run.output().lines().filter(l -> l.startsWith(prefix)).map(l -> l.substring(prefix.length()).trim())
                .findFirst().orElseThrow(() -> new AssertionError("no \"" + prefix + "\" in " + run.describe()));
    }

    @Test
    @Order(8)
    void testTheBenchRunsThroughTheBalancer() throws Exception {
        // the load generator of ./inkan bench, pointed at the balancer as docs/performance.md shows; only that it
        // completes without errors and reports is asserted, never a number
        Path out = home.resolve("bench");
        List<LevelResult> results = IssuanceBench.run("--directory", directory(), "--trust-root", tlsRoot.toString(),
                "--http01-port", String.valueOf(topology.http01Port()), "--server-pid", pidList(topology.pids()),
                "--clients", "4", "--warmup", "2", "--orders", "8", "--ocsp-seconds", "1", "--crl-entries", "0",
                "--max-seconds", String.valueOf(Math.max(30, Math.min(120, left().toSeconds() - 60))), "--out", out.toString());
        assertEquals(1, results.size());
        LevelResult r = results.get(0);
        assertEquals(List.of(), r.errors(), "the bench's errors through the balancer");
        assertEquals("", r.stall());
        assertEquals(8, r.issued(), "every timed order issued");
        assertTrue(Files.readString(out.resolve(Report.TABLE)).contains("| Inkan | 4 |"), "the report has its row");
    }

    private static String pidList(List<Long> pids) {
        return String.join(",", pids.stream().map(String::valueOf).toList());
    }

    @Test
    @Order(9)
    void testStandbyIssuesTheQueuedOrdersOnceTheActiveSignerDies() throws Exception {
        // a standby is live but not ready: it serves nothing until it holds the lease
        topology.awaitStatus("signer-b", "/health/live", 200);
        assertEquals(503, topology.opsStatus("signer-b", "/health/ready"));
        InkanProcess active = topology.process("signer-a");
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
                    + "\n" + topology.process("signer-b").tail());
            serials.add(o.getCertificate().getCertificate().getSerialNumber().toString(16));
        }
        assertEquals(orders.size(), serials.size());
        assertTrue(topology.process("signer-b").logText().contains("taking over"));
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
            } catch (AcmeNetworkException | org.shredzone.acme4j.exception.AcmeLazyLoadingException e) {
                // acme4j wraps a poll's network error (Order.waitForCompletion reads the status lazily)
                if (attempt == 3 || !(e instanceof AcmeNetworkException
                        || e.getCause() instanceof AcmeNetworkException)) {
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
                            URI.create("http://127.0.0.1:" + topology.harness().managementPort() + "/set-txt"))
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
        Storage storage = await(Storage.open(topology.vertx(), StorageConfig.remote(topology.storeUri(), null), Clock.systemUTC()));
        try {
            Map<String, String> finalByOrder = new HashMap<>();
            int checked = 0;
            for (FakeCtLog log : topology.ctLogs().logs()) {
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

    private static Duration elapsed() {
        return topology.elapsed();
    }

    private static Duration left() {
        return topology.left();
    }

    private static String directory() {
        return topology.directory();
    }

    private static long counter(String process, String name, String label) {
        return topology.counter(process, name, label);
    }

    private static <T> T await(io.vertx.core.Future<T> f) throws Exception {
        return f.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    }
}
