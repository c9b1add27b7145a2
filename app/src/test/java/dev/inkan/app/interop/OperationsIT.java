package dev.inkan.app.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

/**
 * The operator's view of a running CA: the store in its own process ({@code serve --role store}), the CA on it;
 * after a certbot issuance the Prometheus endpoint shows non-zero issuance, validation, CT and HSM series, and
 * readiness turns to 503 while the store is down and back to 200 once it is up again.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 6, unit = java.util.concurrent.TimeUnit.MINUTES)
class OperationsIT {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    private static Path home;
    private static int storePort;
    private static int opsPort;
    private static InkanProcess store;
    private static SandboxServer server;

    @BeforeAll
    static void start() throws Exception {
        home = Path.of(System.getProperty("inkan.itHome", "target/it-home")).toAbsolutePath()
                .resolveSibling("it-operations");
        SandboxServer.deleteTree(home);
        int[] ports = SandboxServer.freePorts(2);
        storePort = ports[0];
        opsPort = ports[1];
        store = startStore();
        server = SandboxServer.start(home.resolve("ca"), Map.of(
                "INKAN_STORAGE_URI", InkanProcess.storeUri(home.resolve("store"), storePort),
                "INKAN_OPERATIONS_LISTEN", "127.0.0.1:" + opsPort,
                "INKAN_OPERATIONS_LOG_FORMAT", "json"));
    }

    private static InkanProcess startStore() throws Exception {
        InkanProcess p = InkanProcess.start("store", "store", home.resolve("store"),
                Map.of("INKAN_STORAGE_EMBEDDED_PORT", String.valueOf(storePort)));
        p.await("store listening", Duration.ofSeconds(60), () -> InkanProcess.listening(storePort));
        return p;
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.stop();
        }
        if (store != null) {
            store.stop();
        }
    }

    @Test
    @Order(1)
    void testSuccess_seriesAreNonZeroAfterACertbotIssuance() throws Exception {
        Path dir = home.resolve("certbot");
        ClientRun run = ClientRun.run(dir, Map.of("REQUESTS_CA_BUNDLE", server.tlsRoot().toString()), List.of(
                "certbot", "certonly", "--standalone", "--http-01-port", String.valueOf(server.http01Port),
                "--http-01-address", "127.0.0.1", "--agree-tos", "--register-unsafely-without-email",
                "-d", "metrics.example.com", "--non-interactive", "--server", server.directoryUrl(),
                "--config-dir", dir.resolve("config").toString(), "--work-dir", dir.resolve("work").toString(),
                "--logs-dir", dir.resolve("logs").toString()));
        assertEquals(0, run.exitCode(), run.describe());

        String metrics = get("/metrics").body();
        assertPositive(metrics, "inkan_issuance_seconds_count", "outcome=\"issued\"", "profile=\"dv\"");
        assertPositive(metrics, "inkan_validations_total", "method=\"http-01\"", "outcome=\"valid\"");
        assertPositive(metrics, "inkan_ct_submissions_seconds_count", "outcome=\"sct\"");
        assertPositive(metrics, "inkan_hsm_signatures_seconds_count", "key=\"dv\"", "outcome=\"ok\"");
        assertPositive(metrics, "inkan_store_calls_seconds_count");
        assertTrue(metrics.contains("inkan_crl_age_seconds{issuer=\"dv\""), "CRL age series missing");
        assertTrue(metrics.contains("inkan_orders_processing"), "queue depth series missing");
    }

    @Test
    @Order(2)
    void testSuccess_requestLogNamesAccountAndOrderAsJson() throws Exception {
        List<String> lines = Files.readAllLines(server.log).stream()
                .filter(l -> l.contains("\"path\":\"/acme/finalize/")).toList();
        assertTrue(!lines.isEmpty(), "no request line for finalize");
        String json = lines.get(0);
        io.vertx.core.json.JsonObject line = new io.vertx.core.json.JsonObject(json);
        assertTrue(line.getString("account") != null && line.getString("order") != null, json);
        assertEquals(200, line.getInteger("status"), json);
    }

    @Test
    @Order(3)
    void testSuccess_readinessFollowsTheStore() throws Exception {
        assertEquals(200, get("/health/ready").statusCode());
        store.stop();
        awaitStatus("/health/ready", 503, Duration.ofSeconds(30));
        assertEquals(200, get("/health/live").statusCode(), "liveness does not depend on the store");
        store = startStore();
        awaitStatus("/health/ready", 200, Duration.ofSeconds(60));
    }

    private static void awaitStatus(String path, int status, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        int last = -1;
        while (System.nanoTime() < deadline) {
            last = get(path).statusCode();
            if (last == status) {
                return;
            }
            Thread.sleep(500);
        }
        throw new AssertionError(path + " answered " + last + ", not " + status + ", for " + timeout);
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + opsPort + path))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Some line of the series with every given label has a value above zero. */
    private static void assertPositive(String metrics, String series, String... labels) {
        Pattern line = Pattern.compile("^" + Pattern.quote(series) + "(\\{[^}]*\\})? ([0-9.eE+-]+)$",
                Pattern.MULTILINE);
        Matcher m = line.matcher(metrics);
        while (m.find()) {
            String l = m.group(1) == null ? "" : m.group(1);
            boolean all = true;
            for (String label : labels) {
                all &= l.contains(label);
            }
            if (all && Double.parseDouble(m.group(2)) > 0) {
                return;
            }
        }
        throw new AssertionError("no " + series + " " + List.of(labels) + " above zero in:\n"
                + metrics.lines().filter(x -> x.startsWith("inkan_")).reduce("", (a, b) -> a + b + "\n"));
    }
}
