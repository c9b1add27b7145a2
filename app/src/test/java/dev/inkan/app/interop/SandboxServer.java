package dev.inkan.app.interop;

import java.io.IOException;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The sandbox CA as a real process ({@code java -jar inkan.jar serve}) with its own INKAN_HOME, token and
 * free loopback ports, started once per test JVM and stopped by its PID when the JVM exits.
 */
final class SandboxServer {
    private static SandboxServer shared;

    final Path home;
    final int acmePort;
    final int publicPort;
    final int dnsPort;
    final int managementPort;
    final int http01Port;
    /** Where the CA connects for tls-alpn-01 (the sandbox's stand-in for 443); the client under test listens. */
    final int tlsPort;
    /** The reseller order API's HTTPS listener. */
    final int orderApiPort;
    final Path log;
    /** The OV applicant portal and the staff vetting console (HTTPS, the sandbox TLS root). */
    final int portalPort;
    final int consolePort;
    /** The embedded store's loopback port, for tests that put the store in a state the wire cannot (an old vetting). */
    final int storePort;
    private final Process process;

    private SandboxServer(Path home, int acmePort, int publicPort, int dnsPort, int managementPort, int http01Port,
            int tlsPort, int orderApiPort, int portalPort, int consolePort, int storePort, Process process, Path log) {
        this.portalPort = portalPort;
        this.storePort = storePort;
        this.consolePort = consolePort;
        this.home = home;
        this.acmePort = acmePort;
        this.publicPort = publicPort;
        this.dnsPort = dnsPort;
        this.managementPort = managementPort;
        this.http01Port = http01Port;
        this.tlsPort = tlsPort;
        this.orderApiPort = orderApiPort;
        this.process = process;
        this.log = log;
    }

    /** The one sandbox of this test JVM, started on first use. */
    static synchronized SandboxServer shared() throws Exception {
        if (shared == null) {
            Path home = Path.of(System.getProperty("inkan.itHome", "target/it-home")).toAbsolutePath();
            // Each run starts from nothing: clients' saved state (certbot's renewal ports) must not leak across runs.
            deleteTree(home);
            shared = start(home);
            SandboxServer s = shared;
            Runtime.getRuntime().addShutdownHook(new Thread(s::stop));
        }
        return shared;
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    static SandboxServer start(Path home) throws Exception {
        return start(home, Map.of());
    }

    /**
     * @param extraEnv more environment for the process, e.g. {@code INKAN_ISSUANCE_CT_LOG_LIST}. Started once more
     *                 on other ports when a port picked free was bound by someone else before the process bound it
     *                 (the process exits with a BindException); the second start finds its home as the first left it.
     */
    static SandboxServer start(Path home, Map<String, String> extraEnv) throws Exception {
        try {
            return startOnce(home, extraEnv);
        } catch (IllegalStateException e) {
            if (!String.valueOf(e.getMessage()).contains("java.net.BindException")) {
                throw e;
            }
            System.out.println("a port picked for the sandbox was taken before it bound it; starting on others");
            return startOnce(home, extraEnv);
        }
    }

    private static SandboxServer startOnce(Path home, Map<String, String> extraEnv) throws Exception {
        Files.createDirectories(home);
        int[] ports = freePorts(10);
        Path log = home.resolve("server.log");
        Map<String, String> env = new HashMap<>();
        env.put("INKAN_HOME", home.toString());
        env.put("SOFTHSM2_CONF", home.resolve("softhsm/softhsm2.conf").toString());
        env.put("INKAN_ACME_LISTEN", "127.0.0.1:" + ports[0]);
        env.put("INKAN_ACME_BASE_URL", "https://localhost:" + ports[0]);
        env.put("INKAN_PUBLICHTTP_LISTEN", "127.0.0.1:" + ports[1]);
        env.put("INKAN_PUBLICHTTP_BASE_URL", "http://localhost:" + ports[1]);
        env.put("INKAN_SANDBOX_DNS", "127.0.0.1:" + ports[2]);
        env.put("INKAN_VALIDATION_DNS_RESOLVERS", "127.0.0.1:" + ports[2]);
        env.put("INKAN_SANDBOX_MANAGEMENT", "127.0.0.1:" + ports[3]);
        env.put("INKAN_VALIDATION_HTTP01_PORT", String.valueOf(ports[4]));
        env.put("INKAN_VALIDATION_TLS_PORT", String.valueOf(ports[5]));
        env.put("INKAN_ORDERAPI_LISTEN", "127.0.0.1:" + ports[6]);
        env.put("INKAN_ORDERAPI_BASE_URL", "https://localhost:" + ports[6]);
        env.put("INKAN_VETTING_PORTAL_LISTEN", "127.0.0.1:" + ports[7]);
        env.put("INKAN_VETTING_PORTAL_BASE_URL", "https://localhost:" + ports[7]);
        env.put("INKAN_VETTING_CONSOLE_LISTEN", "127.0.0.1:" + ports[8]);
        env.put("INKAN_VETTING_CONSOLE_BASE_URL", "https://localhost:" + ports[8]);
        env.put("INKAN_STORAGE_EMBEDDED_PORT", String.valueOf(ports[9]));
        env.putAll(extraEnv);
        List<String> cmd = new ArrayList<>(List.of(javaBin(), "-jar", jar().toString(), "serve"));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().putAll(env);
        Process p = pb.start();
        SandboxServer s = new SandboxServer(home, ports[0], ports[1], ports[2], ports[3], ports[4], ports[5], ports[6],
                ports[7], ports[8], ports[9], p, log);
        s.awaitDirectory(Duration.ofSeconds(90));
        return s;
    }

    String directoryUrl() {
        return "https://localhost:" + acmePort + "/directory";
    }

    String portalUrl() {
        return "https://localhost:" + portalPort;
    }

    String consoleUrl() {
        return "https://localhost:" + consolePort;
    }

    String orderApiUrl() {
        return "https://localhost:" + orderApiPort + "/api/v1";
    }

    /** {@code java -jar inkan.jar <args>} against this sandbox's home, as the operator runs {@code ./inkan}. */
    ClientRun command(String... args) throws Exception {
        return commandReading(null, args);
    }

    /** The same, with {@code input} on the command's standard input (a password it asks for). */
    ClientRun commandReading(String input, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(javaBin(), "-jar", jar().toString()));
        cmd.addAll(List.of(args));
        return ClientRun.run(home.resolve("commands"), Map.of("INKAN_HOME", home.toString(),
                "SOFTHSM2_CONF", home.resolve("softhsm/softhsm2.conf").toString()), Duration.ofMinutes(2), cmd, input);
    }

    /** The sandbox's store, with the credential the server made in its home (as another local process connects). */
    String storeUri() throws IOException {
        String user = null;
        String password = null;
        for (String line : Files.readAllLines(home.resolve("store/credential"))) {
            if (line.startsWith("user=")) {
                user = line.substring(5);
            } else if (line.startsWith("password=")) {
                password = line.substring(9);
            }
        }
        return "mongodb://" + java.net.URLEncoder.encode(user, java.nio.charset.StandardCharsets.UTF_8) + ":"
                + java.net.URLEncoder.encode(password, java.nio.charset.StandardCharsets.UTF_8) + "@127.0.0.1:" + storePort
                + "/?authSource=admin&authMechanism=SCRAM-SHA-256";
    }

    String managementUrl() {
        return "http://127.0.0.1:" + managementPort;
    }

    Path tlsRoot() {
        return home.resolve("tls/tls-root.pem");
    }

    Path caFile(String name) {
        return home.resolve("ca").resolve(name);
    }

    boolean isAlive() {
        return process.isAlive();
    }

    long pid() {
        return process.pid();
    }

    /** Waits for the process to end by itself (e.g. a halt hook); its exit code, or -1 if still alive. */
    int awaitExit(Duration timeout) throws InterruptedException {
        return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS) ? process.exitValue() : -1;
    }

    /** SIGKILL: no shutdown hook runs, nothing is flushed or closed. */
    void kill() throws InterruptedException {
        process.destroyForcibly().waitFor(20, TimeUnit.SECONDS);
    }

    void stop() {
        if (process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(20, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void awaitDirectory(Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("sandbox exited with " + process.exitValue() + ":\n" + tail());
            }
            if (Files.isRegularFile(tlsRoot())) {
                try {
                    HttpClient c = HttpClient.newBuilder().sslContext(Pem.trusting(tlsRoot())).build();
                    HttpResponse<String> r = c.send(HttpRequest.newBuilder(URI.create(directoryUrl()))
                            .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
                    // the OV portal and console start after the ACME listener: wait for them as well
                    if (r.statusCode() == 200 && listening(portalPort) && listening(consolePort)) {
                        return;
                    }
                } catch (IOException e) {
                    // not listening yet
                }
            }
            Thread.sleep(250);
        }
        stop();
        throw new IllegalStateException("sandbox did not answer " + directoryUrl() + " in " + timeout + ":\n" + tail());
    }

    private static boolean listening(int port) {
        try (java.net.Socket s = new java.net.Socket()) {
            s.connect(new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), port), 2000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** The whole log so far: a line to look for may be far from the end on a loaded machine. */
    String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    String tail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    static Path jar() {
        return Path.of(System.getProperty("inkan.jar", "target/inkan.jar")).toAbsolutePath();
    }

    static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    static int[] freePorts(int n) throws IOException {
        return dev.inkan.bench.LoopbackPorts.free(n);
    }

    /** The confirmation link of the BR 3.2.2.4.4 email the SMTP sink got for this address. */
    String confirmationLink(String address) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            Path spool = home.resolve("mail");
            if (Files.isDirectory(spool)) {
                List<Path> files;
                try (Stream<Path> all = Files.list(spool)) {
                    files = all.filter(p -> p.toString().endsWith(".eml")).toList();
                }
                for (Path p : files) {
                    jakarta.mail.internet.MimeMessage m;
                    try (var in = Files.newInputStream(p)) {
                        m = new jakarta.mail.internet.MimeMessage(
                                jakarta.mail.Session.getInstance(new java.util.Properties()), in);
                    }
                    if (m.getAllRecipients() != null && java.util.Arrays.stream(m.getAllRecipients())
                            .anyMatch(r -> r.toString().equals(address))) {
                        Matcher link = Pattern.compile("https://\\S+").matcher(String.valueOf(m.getContent()));
                        if (!link.find()) {
                            throw new AssertionError("no link in the email to " + address);
                        }
                        return link.group();
                    }
                }
            }
            Thread.sleep(250);
        }
        throw new AssertionError("no validation email to " + address);
    }
}
