package dev.inkan.bench;

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
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * This CA as {@code java -jar inkan.jar serve} in the default configuration (embedded store, SoftHSM, sandbox CT
 * logs, CAA, every write durable), with its own INKAN_HOME and free loopback ports.
 */
final class InkanTarget implements Target {
    private static final Pattern CALL = Pattern.compile("\"([^\"]+)\":(\\d+)");
    private static final Pattern COLLECTION =
            Pattern.compile("\"(\\w+)\":\\{\"documents\":(\\d+),\"bytes\":(\\d+)}");
    private static final Pattern FIELD = Pattern.compile("\"(\\w+)\"\\s*:\\s*\"?([^\",}]*)\"?");

    private final Path jar;
    private final List<String> jvmOptions;

    InkanTarget(Path jar, List<String> jvmOptions) {
        this.jar = jar.toAbsolutePath();
        this.jvmOptions = jvmOptions;
    }

    @Override
    public String name() {
        return "Inkan";
    }

    @Override
    public Running start(Path work) throws Exception {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: build it first (./inkan build)");
        }
        Path home = work.resolve("inkan-home").toAbsolutePath();
        Files.createDirectories(home);
        // every listener on a free port, so that a CA someone runs on the default ports cannot stop this one
        int[] p = ServerProcess.freePorts(9);
        Map<String, String> env = new HashMap<>();
        env.put("INKAN_HOME", home.toString());
        env.put("SOFTHSM2_CONF", home.resolve("softhsm/softhsm2.conf").toString());
        env.put("INKAN_ACME_LISTEN", "127.0.0.1:" + p[0]);
        env.put("INKAN_ACME_BASE_URL", "https://localhost:" + p[0]);
        env.put("INKAN_PUBLICHTTP_LISTEN", "127.0.0.1:" + p[1]);
        env.put("INKAN_PUBLICHTTP_BASE_URL", "http://localhost:" + p[1]);
        env.put("INKAN_SANDBOX_DNS", "127.0.0.1:" + p[2]);
        env.put("INKAN_VALIDATION_DNS_RESOLVERS", "127.0.0.1:" + p[2]);
        env.put("INKAN_SANDBOX_MANAGEMENT", "127.0.0.1:" + p[3]);
        env.put("INKAN_VALIDATION_HTTP01_PORT", String.valueOf(p[4]));
        env.put("INKAN_VALIDATION_TLS_PORT", String.valueOf(p[5]));
        env.put("INKAN_ORDERAPI_LISTEN", "127.0.0.1:" + p[6]);
        env.put("INKAN_ORDERAPI_BASE_URL", "https://localhost:" + p[6]);
        env.put("INKAN_VETTING_CONSOLE_LISTEN", "127.0.0.1:" + p[7]);
        env.put("INKAN_VETTING_CONSOLE_BASE_URL", "https://localhost:" + p[7]);
        env.put("INKAN_VETTING_PORTAL_LISTEN", "127.0.0.1:" + p[8]);
        env.put("INKAN_VETTING_PORTAL_BASE_URL", "https://localhost:" + p[8]);
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // a fixed set of JIT compiler threads, so the bench can count their CPU (ProcCpu.compilerMillis)
        cmd.add("-XX:-UseDynamicNumberOfCompilerThreads");
        cmd.addAll(jvmOptions);
        cmd.addAll(List.of("-jar", jar.toString(), "serve"));
        ServerProcess server = ServerProcess.start(cmd, env, work.resolve("inkan.log"));
        URI directory = URI.create("https://localhost:" + p[0] + "/directory");
        Path root = home.resolve("tls/tls-root.pem");
        try {
            long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
            while (!Files.isRegularFile(root) && System.nanoTime() < deadline) {
                Thread.sleep(250);
            }
            // the banner comes once every listener is up
            server.awaitReady(directory, Tls.trusting(root), Duration.ofSeconds(180), "ACME directory");
        } catch (Exception e) {
            server.close();
            throw e;
        }
        return new Started(server, directory, root, p[4], home);
    }

    /**
     * {@code inkan crl-trial}: one CRL of {@code entries} synthetic entries built, linted, signed in the HSM and
     * verified by the CA's own code, in a home of its own under {@code work}; the CA's one-line answer.
     */
    String crlTrial(Path work, int entries) throws Exception {
        Path home = work.resolve("inkan-home").toAbsolutePath();
        Files.createDirectories(home);
        Map<String, String> env = new HashMap<>();
        env.put("INKAN_HOME", home.toString());
        env.put("SOFTHSM2_CONF", home.resolve("softhsm/softhsm2.conf").toString());
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvmOptions);
        cmd.addAll(List.of("-jar", jar.toString(), "crl-trial", "--entries", String.valueOf(entries)));
        Path log = work.resolve("crl-trial.log");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().putAll(env);
        Process process = pb.start();
        try {
            if (!process.waitFor(10, java.util.concurrent.TimeUnit.MINUTES)) {
                throw new IllegalStateException("crl-trial did not finish within 10 minutes");
            }
        } finally {
            process.destroyForcibly();
        }
        return Files.readAllLines(log).stream().filter(l -> l.startsWith("crl-trial ")).findFirst()
                .orElseThrow(() -> new IllegalStateException("crl-trial exited " + process.exitValue()
                        + " without its result; see " + log));
    }

    private record Started(ServerProcess server, URI directory, Path trustRoot, int http01Port, Path home)
            implements Running {
        @Override
        public List<Long> pids() {
            return List.of(server.pid());
        }

        @Override
        public long storeBytes() {
            try (var files = Files.walk(home.resolve("store"))) {
                return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
            } catch (IOException e) {
                return -1;
            }
        }

        @Override
        public long hsmCpuMillis() {
            String v = hsm().get("cpuMillis");
            return v == null ? -1 : Long.parseLong(v);
        }

        @Override
        public long hsmSignatures() {
            String v = hsm().get("signatures");
            return v == null ? -1 : Long.parseLong(v);
        }

        /** GET /admin/store: per collection documents and BSON bytes, and the file's fill rates. */
        @Override
        public String storeFootprint(int certificates) {
            if (certificates <= 0) {
                return "";
            }
            try {
                Optional<String> body = adminGet("/admin/store", Duration.ofMinutes(2));
                if (body.isEmpty()) {
                    return "";
                }
                Map<String, String> totals = fields(body.get().replaceAll("\\{\"documents\":\\d+,\"bytes\":\\d+}", "0"));
                StringBuilder b = new StringBuilder(String.format(java.util.Locale.ROOT,
                        "%.1f KB of live documents per certificate (%,d documents, %,d bytes of BSON for %,d certificates);"
                                + " the file %,d KB, %s %% of it in live chunks, %s %% of those in live pages. By collection (KB per certificate):",
                        Long.parseLong(totals.get("bytes")) / 1024.0 / certificates, Long.parseLong(totals.get("documents")),
                        Long.parseLong(totals.get("bytes")), certificates, Long.parseLong(totals.get("fileBytes")) / 1024,
                        totals.get("fileFillPercent"), totals.get("chunksFillPercent")));
                Matcher m = COLLECTION.matcher(body.get());
                while (m.find()) {
                    long bytes = Long.parseLong(m.group(3));
                    if (bytes * 100 >= certificates) {
                        b.append(String.format(java.util.Locale.ROOT, " %s %.2f (%,d docs)", m.group(1),
                                bytes / 1024.0 / certificates, Long.parseLong(m.group(2))));
                    }
                }
                return b.toString();
            } catch (IOException | RuntimeException e) {
                return "";
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return "";
            }
        }

        /** POST /admin/prefill on the admin listener, then its progress every second until it is done. */
        @Override
        public void prefill(int certificates, String templateSerial) throws Exception {
            Map<String, String> admin = fields(Files.readString(home.resolve("admin.json")));
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> r = http.send(
                    HttpRequest.newBuilder(URI.create(admin.get("url") + "/admin/prefill"))
                            .header("Authorization", "Bearer " + admin.get("token"))
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString("{\"certificates\":" + certificates
                                    + ",\"template\":\"" + templateSerial + "\"}"))
                            .timeout(Duration.ofMinutes(2)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 202) {
                throw new IllegalStateException("pre-fill refused: " + r.statusCode() + " " + r.body());
            }
            long reported = 0;
            while (true) {
                Thread.sleep(1000);
                Map<String, String> p = fields(http.send(
                        HttpRequest.newBuilder(URI.create(admin.get("url") + "/admin/prefill"))
                                .header("Authorization", "Bearer " + admin.get("token"))
                                .timeout(Duration.ofMinutes(2)).build(),
                        HttpResponse.BodyHandlers.ofString()).body());
                switch (String.valueOf(p.get("state"))) {
                    case "done" -> {
                        return;
                    }
                    case "running" -> {
                        long now = System.nanoTime();
                        if (now - reported > 30_000_000_000L) {
                            reported = now;
                            System.err.printf("[bench] pre-fill: %s of %,d written%n", p.get("written"), certificates);
                        }
                    }
                    default -> throw new IllegalStateException("pre-fill failed: " + p);
                }
            }
        }

        /** GET /admin/store/calls: the commands the CA sent to its store so far, by collection and command. */
        @Override
        public Map<String, Long> storeCalls() {
            try {
                String body = adminGet("/admin/store/calls", Duration.ofSeconds(5)).orElse("");
                int calls = body.indexOf("\"calls\":{");
                if (calls < 0) {
                    return Map.of();
                }
                Map<String, Long> counts = new java.util.TreeMap<>();
                Matcher m = CALL.matcher(body.substring(calls + 9));
                while (m.find()) {
                    counts.put(m.group(1), Long.parseLong(m.group(2)));
                }
                return counts;
            } catch (IOException | RuntimeException e) {
                return Map.of();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Map.of();
            }
        }

        /** The admin listener's HSM counters (GET /admin/hsm). */
        private Map<String, String> hsm() {
            try {
                return adminGet("/admin/hsm", Duration.ofSeconds(5)).map(InkanTarget::fields).orElse(Map.of());
            } catch (IOException e) {
                return Map.of();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Map.of();
            }
        }

        /** GET on the admin listener with the token from admin.json: the body of a 200 answer, else empty. */
        private Optional<String> adminGet(String path, Duration timeout) throws IOException, InterruptedException {
            Map<String, String> admin = fields(Files.readString(home.resolve("admin.json")));
            HttpResponse<String> r = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(admin.get("url") + path))
                            .header("Authorization", "Bearer " + admin.get("token"))
                            .timeout(timeout).build(),
                    HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 ? Optional.of(r.body()) : Optional.empty();
        }

        @Override
        public void close() {
            server.close();
        }
    }

    // a flat JSON object of strings and numbers; the bench has no JSON library of its own
    static Map<String, String> fields(String json) {
        Map<String, String> m = new HashMap<>();
        Matcher matcher = FIELD.matcher(json);
        while (matcher.find()) {
            m.put(matcher.group(1), matcher.group(2).trim());
        }
        return m;
    }
}
