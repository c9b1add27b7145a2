package dev.inkan.app.interop;

import dev.inkan.harness.Harness;
import dev.inkan.harness.HarnessConfig;
import dev.inkan.harness.ct.FakeCtLogs;
import dev.inkan.harness.registry.FakeCorporateRegistry;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;

/**
 * The CA as several processes on one machine, as docs/operating.md describes: one store process (the embedded
 * server with its SCRAM credential), three front ends, a signer and its standby, and Debian's haproxy round-robin
 * in front (TLS at the balancer, health checks on {@code /health/ready}) of every front end's ACME, order API, OV
 * portal and staff console listeners, and of the signers' relying-party listeners. The mock DNS, the fake CT logs and
 * the fake corporate-number registry run in this JVM, shared by all. Every wait is bounded by the budget the topology
 * was started with. {@code MultiProcessIT} tests through it; {@code TopologyBenchIT} measures through it.
 */
final class MultiProcessTopology implements AutoCloseable {
    static final String[] FRONT_ENDS = {"fe1", "fe2", "fe3"};
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    private static final String REGISTRY_APP_ID = "TOPOLOGYAPPID1";

    final Path home;
    final Duration budget;
    private final List<String> jvm;
    final long startedAt = System.nanoTime();
    final Map<String, InkanProcess> processes = new LinkedHashMap<>();
    final Map<String, Integer> opsPorts = new HashMap<>();
    private final int[] ports;
    private Vertx vertx;
    private Harness harness;
    private FakeCtLogs ctLogs;
    private FakeCorporateRegistry registry;
    private String storeUri;
    private Process haproxy;
    private Path tlsRoot;

    private MultiProcessTopology(Path home, Duration budget, List<String> jvm) throws IOException {
        this.home = home;
        this.budget = budget;
        this.jvm = jvm;
        this.ports = SandboxServer.freePorts(28);
    }

    /** Starts every process and the balancer in a fresh {@code home}; stops what it started when that fails. */
    static MultiProcessTopology start(Path home, Duration budget) throws Exception {
        return start(home, budget, InkanProcess.TEST_JVM);
    }

    /** The same with {@code jvm} options for every CA process (none for a measurement: the JVM's defaults). */
    static MultiProcessTopology start(Path home, Duration budget, List<String> jvm) throws Exception {
        java.security.Security.addProvider(new org.bouncycastle.jce.provider.BouncyCastleProvider());
        SandboxServer.deleteTree(home);
        Files.createDirectories(home);
        MultiProcessTopology t = new MultiProcessTopology(home, budget, jvm);
        try {
            t.startAll();
        } catch (Exception | Error e) {
            t.close();
            throw e;
        }
        return t;
    }

    private void startAll() throws Exception {
        int[] p = ports;
        vertx = Vertx.vertx();
        harness = await(Harness.start(vertx, new HarnessConfig(new HarnessConfig.Bind("127.0.0.1", p[4]),
                new HarnessConfig.Bind("127.0.0.1", p[5]), null, "127.0.0.1", ""), Clock.systemUTC()));
        ctLogs = await(FakeCtLogs.start(vertx, FakeCtLogs.sandbox(), Clock.systemUTC()));
        Path logList = home.resolve("ct-log-list.json");
        Files.writeString(logList, ctLogs.logList().encodePrettily());
        registry = await(FakeCorporateRegistry.start(vertx, "127.0.0.1", 0, REGISTRY_APP_ID,
                FakeCorporateRegistry.sandbox()));

        InkanProcess store = InkanProcess.start("store", "store", home.resolve("store"),
                Map.of("INKAN_STORAGE_EMBEDDED_PORT", String.valueOf(storePort())), jvm);
        processes.put("store", store);
        // its credential file too: on a busy machine another process may have taken the port meanwhile
        Path credential = dev.inkan.storage.StoreCredential.fileFor(home.resolve("store/store/inkan.mv"));
        store.await("store listening", left(),
                () -> Files.isRegularFile(credential) && InkanProcess.listening(storePort()));
        storeUri = InkanProcess.storeUri(home.resolve("store"), storePort());

        Map<String, String> common = new HashMap<>();
        common.put("INKAN_STORAGE_URI", storeUri);
        common.put("INKAN_SANDBOX_HARNESS", "false");
        common.put("INKAN_NOTIFICATION_ENABLED", "false");
        // the order API and the OV portal and console run on the front ends, reached through the balancer
        common.put("INKAN_ORDERAPI_BASE_URL", "https://localhost:" + orderApiPort());
        common.put("INKAN_VETTING_PORTAL_BASE_URL", "https://localhost:" + portalPort());
        common.put("INKAN_VETTING_CONSOLE_BASE_URL", "https://localhost:" + consolePort());
        common.put("INKAN_VETTING_REGISTRY_BASE_URL", "http://127.0.0.1:" + registry.port());
        common.put("INKAN_VETTING_REGISTRY_APPLICATION_ID", REGISTRY_APP_ID);
        // one set of staff for all is made with ./inkan staff create, not by each front end at its start
        common.put("INKAN_VETTING_SANDBOX_STAFF", "false");
        // evidence an applicant uploads on one front end is read in the console on another
        common.put("INKAN_VETTING_DIRECTORY", home.resolve("vetting-shared").toString());
        common.put("INKAN_ISSUANCE_CT_LOG_LIST", logList.toString());
        common.put("INKAN_VALIDATION_DNS_RESOLVERS", "127.0.0.1:" + harness.dnsPort());
        common.put("INKAN_VALIDATION_HTTP01_PORT", String.valueOf(http01Port()));
        common.put("INKAN_ACME_BASE_URL", "https://localhost:" + balancerPort());
        common.put("INKAN_PUBLICHTTP_BASE_URL", "http://localhost:" + publicPort());
        common.put("INKAN_OPERATIONS_LOG_FORMAT", "json");
        // a validation a killed front end had under way is run again by the next poll once overdue, 15 s after
        // this timeout; the default 90 s would leave its client waiting longer than the whole run
        common.put("INKAN_RA_VALIDATION_TIMEOUT_SECONDS", "20");

        // the active signer first: its ceremony makes the token and the hierarchy; the front ends need neither, so
        // they start meanwhile, and the standby, which shares the token, once the signer is ready
        startSigner("signer-a", p[6], p[7], common);
        for (int i = 0; i < FRONT_ENDS.length; i++) {
            Map<String, String> env = new HashMap<>(common);
            env.put("INKAN_ACME_LISTEN", "127.0.0.1:" + p[10 + 2 * i]);
            // the other front ends redeem this one's nonces here
            env.put("INKAN_OPERATIONS_LISTEN", "127.0.0.1:" + p[11 + 2 * i]);
            env.put("INKAN_OPERATIONS_NAME", FRONT_ENDS[i]);
            env.put("INKAN_ORDERAPI_LISTEN", "127.0.0.1:" + p[16 + 3 * i]);
            env.put("INKAN_VETTING_PORTAL_LISTEN", "127.0.0.1:" + p[17 + 3 * i]);
            env.put("INKAN_VETTING_CONSOLE_LISTEN", "127.0.0.1:" + p[18 + 3 * i]);
            // the client's address comes in the balancer's PROXY header, for the limits counted per address
            env.put("INKAN_LISTENERS_PROXY_PROTOCOL", "true");
            opsPorts.put(FRONT_ENDS[i], p[11 + 2 * i]);
            processes.put(FRONT_ENDS[i], InkanProcess.start(FRONT_ENDS[i], "frontend", home.resolve(FRONT_ENDS[i]),
                    env, jvm));
        }
        awaitReady("signer-a");
        startSigner("signer-b", p[8], p[9], common);
        for (String fe : FRONT_ENDS) {
            awaitReady(fe);
        }
        tlsRoot = home.resolve("fe1/tls/tls-root.pem");
        haproxy = startHaproxy();
        awaitDirectory();
    }

    private int storePort() {
        return ports[0];
    }

    int balancerPort() {
        return ports[1];
    }

    int publicPort() {
        return ports[2];
    }

    /** Where the front ends check http-01 (clients answer there). */
    int http01Port() {
        return ports[3];
    }

    /** The balancer's order API listener (TLS at the balancer, as for ACME). */
    int orderApiPort() {
        return ports[25];
    }

    /** The balancer's OV applicant portal listener. */
    int portalPort() {
        return ports[26];
    }

    /** The balancer's staff console listener. */
    int consolePort() {
        return ports[27];
    }

    String storeUri() {
        return storeUri;
    }

    Path tlsRoot() {
        return tlsRoot;
    }

    Harness harness() {
        return harness;
    }

    FakeCtLogs ctLogs() {
        return ctLogs;
    }

    Vertx vertx() {
        return vertx;
    }

    String directory() {
        return "https://localhost:" + balancerPort() + "/directory";
    }

    InkanProcess process(String name) {
        return processes.get(name);
    }

    /**
     * {@code inkan ARGS} as an operator runs it on the host of {@code process}: staff and reseller commands reach that
     * process's loopback admin endpoint (its address is in the process's INKAN_HOME).
     */
    ClientRun command(String process, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(SandboxServer.javaBin(), "-jar", SandboxServer.jar().toString()));
        cmd.addAll(List.of(args));
        Path processHome = home.resolve(process);
        return ClientRun.run(home.resolve("commands"), Map.of("INKAN_HOME", processHome.toString(),
                "SOFTHSM2_CONF", processHome.resolve("softhsm/softhsm2.conf").toString(),
                "INKAN_STORAGE_URI", storeUri), left(), cmd);
    }

    /** The CA's processes still running (the balancer is not the CA), for their CPU time. */
    List<Long> pids() {
        return processes.values().stream().filter(InkanProcess::alive).map(InkanProcess::pid).toList();
    }

    private void startSigner(String name, int publicListen, int ops, Map<String, String> common)
            throws IOException {
        Map<String, String> env = new HashMap<>(common);
        // a signer serves neither the order API nor the portals (docs/operating.md, Several processes)
        env.put("INKAN_VETTING_ENABLED", "false");
        env.put("INKAN_PUBLICHTTP_LISTEN", "127.0.0.1:" + publicListen);
        env.put("INKAN_OPERATIONS_LISTEN", "127.0.0.1:" + ops);
        env.put("INKAN_OPERATIONS_NAME", name);
        opsPorts.put(name, ops);
        // the signer and its standby share one token, as two hosts share one network HSM
        processes.put(name, InkanProcess.start(name, "signer", home.resolve("signer"), env, jvm));
    }

    private Process startHaproxy() throws Exception {
        int[] p = ports;
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
                    # a health check answered late on a loaded machine is not a dead front end; a killed one
                    # refuses the connection at once
                    timeout check 3s
                    retries 3
                    option redispatch 1
                    # an ACME POST replayed on another front end is safe: its nonce was spent, so it is
                    # answered badNonce and the client retries with a fresh one (RFC 8555 §6.5)
                    retry-on conn-failure empty-response response-timeout
                    # the balancer connects from another address than its clients (all on loopback), so that a
                    # front end that took the connection's address for the client's would be seen doing so
                    source 127.0.0.2
                frontend acme
                """);
        cfg.append("    bind 127.0.0.1:").append(balancerPort()).append(" ssl crt ").append(pem).append('\n');
        cfg.append("""
                    default_backend frontends
                backend frontends
                    balance roundrobin
                    option httpchk GET /health/ready
                    http-check expect status 200
                """);
        for (int i = 0; i < FRONT_ENDS.length; i++) {
            cfg.append("    server ").append(FRONT_ENDS[i]).append(" 127.0.0.1:").append(p[10 + 2 * i])
                    .append(" ssl verify none send-proxy-v2 check no-check-ssl port ").append(p[11 + 2 * i])
                    .append(" inter 1s fall 2 rise 2\n");
        }
        // the order API and the OV web fronts: TLS at the balancer as for ACME, round-robin over every front end;
        // their sessions, idempotency claims and sign-in counters are in the store
        String[][] web = {{"orderapi", "16"}, {"portal", "17"}, {"console", "18"}};
        int[] bound = {orderApiPort(), portalPort(), consolePort()};
        for (int w = 0; w < web.length; w++) {
            cfg.append("frontend ").append(web[w][0]).append("\n    bind 127.0.0.1:").append(bound[w])
                    .append(" ssl crt ").append(pem).append("\n    default_backend ").append(web[w][0])
                    .append("-frontends\nbackend ").append(web[w][0]).append("-frontends\n    balance roundrobin\n")
                    .append("    option httpchk GET /health/ready\n    http-check expect status 200\n");
            for (int i = 0; i < FRONT_ENDS.length; i++) {
                cfg.append("    server ").append(FRONT_ENDS[i]).append(" 127.0.0.1:")
                        .append(p[Integer.parseInt(web[w][1]) + 3 * i])
                        .append(" ssl verify none send-proxy-v2 check no-check-ssl port ")
                        .append(p[11 + 2 * i]).append(" inter 1s fall 2 rise 2\n");
            }
        }
        cfg.append("frontend public\n    bind 127.0.0.1:").append(publicPort()).append('\n');
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

    /** Stops the balancer, then every process by its PID (SIGTERM, then SIGKILL), then the harness. */
    @Override
    public void close() throws Exception {
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
            if (registry != null) {
                registry.stop().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            }
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    Duration elapsed() {
        return Duration.ofNanos(System.nanoTime() - startedAt);
    }

    /** What is left of the run's budget: every wait stops there, so the whole run is bounded. */
    Duration left() {
        Duration left = budget.minus(elapsed());
        if (left.isNegative() || left.isZero()) {
            throw new IllegalStateException("the multi-process run went over its " + budget.toMinutes() + " minutes");
        }
        return left;
    }

    void awaitReady(String name) throws InterruptedException {
        awaitStatus(name, "/health/ready", 200);
    }

    void awaitStatus(String name, String path, int expected) throws InterruptedException {
        int port = opsPorts.get(name);
        processes.get(name).await(path + " " + expected, left(),
                () -> status("http://127.0.0.1:" + port + path) == expected);
    }

    /** The status of a GET on one process's operations listener. */
    int opsStatus(String name, String path) {
        return status("http://127.0.0.1:" + opsPorts.get(name) + path);
    }

    private void awaitDirectory() throws Exception {
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

    /** The sum of a Prometheus counter's samples whose labels contain {@code label}, on one process. */
    long counter(String process, String name, String label) {
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

    static int status(String url) {
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

    static <T> T await(io.vertx.core.Future<T> f) throws Exception {
        return f.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    }
}
