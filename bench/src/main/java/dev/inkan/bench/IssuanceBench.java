package dev.inkan.bench;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Security;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * The load generator. For every level of concurrency and every CA (this one, and Pebble with
 * {@code --compare pebble}) it starts the CA on fresh state, measures, and stops it; then writes the table and
 * the chart. Numbers from a shared machine are noisy: compare ratios of runs made side by side.
 */
public final class IssuanceBench {
    private IssuanceBench() {}

    public static void main(String[] args) throws Exception {
        if (java.util.Arrays.asList(args).contains("--help")) {
            System.out.print(BenchOptions.usage());
            return;
        }
        BenchOptions options;
        try {
            options = BenchOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.print(BenchOptions.usage());
            System.exit(2);
            return;
        }
        List<LevelResult> results = run(options);
        boolean clean = results.stream().filter(r -> r.target().startsWith("Inkan")).allMatch(LevelResult::clean);
        System.exit(clean ? 0 : 1);
    }

    /**
     * What {@code ./inkan bench ARGS} does, for a test that starts the CA its own way (several processes behind a
     * balancer) and points the bench at it with {@code --directory}: the report is written, the results returned.
     */
    public static List<LevelResult> run(String... args) throws Exception {
        return run(BenchOptions.parse(args));
    }

    /** Runs every level against every target, writes the report, and returns what was measured. */
    static List<LevelResult> run(BenchOptions options) throws Exception {
        System.setProperty("java.awt.headless", "true");
        LevelRun.notes.clear(); // a test may run the bench more than once in one JVM
        Security.addProvider(new BouncyCastleProvider());
        List<Target> targets = new ArrayList<>();
        if (options.directory() != null) {
            targets.add(new ExternalTarget(options.directory(), options.trustRoot(), options.serverPids(),
                    options.http01Port()));
        } else {
            targets.add(new InkanTarget(options.inkanJar(), options.serverJvmOptions()));
        }
        if (options.comparePebble()) {
            targets.add(new PebbleTarget());
        }
        Path work = options.out().resolve("work");
        List<LevelResult> results = new ArrayList<>();
        for (Target target : targets) {
            for (int clients : options.levels()) {
                Path levelWork = work.resolve(target.name().toLowerCase() + "-" + clients);
                deleteTree(levelWork);
                System.err.printf("[bench] %s, %d clients: starting on fresh state%n", target.name(), clients);
                LevelResult r;
                try (Target.Running server = start(target, levelWork)) {
                    r = LevelRun.run(target.name(), server, options, clients);
                } catch (Exception e) {
                    r = LevelResult.notStarted(target.name(), clients, "did not run: " + e.getMessage());
                }
                results.add(r);
                System.err.printf("[bench] %s%n", Report.markdown(List.of(r), "").lines()
                        .skip(2).findFirst().orElse(""));
                if (options.prefill() > 0 && target instanceof InkanTarget) {
                    results.add(prefilled(target, options, clients, work));
                }
            }
        }
        String crl = "";
        if (options.crlEntries() > 0 && targets.get(0) instanceof InkanTarget inkan) {
            crl = crlTrial(inkan, work.resolve("crl-trial"), options.crlEntries());
        }
        String store = LevelRun.notes.isEmpty() ? "" : "Store after each level (`GET /admin/store`: documents and"
                + " their BSON bytes per collection; the table's store KB/cert is the file, free space included):\n\n"
                + LevelRun.notes.stream().map(n -> "- " + n + "\n").collect(java.util.stream.Collectors.joining())
                + "\n";
        String header = "Run " + Instant.now() + " on " + Machine.describe() + "\n\n"
                + "Command: `./inkan bench " + String.join(" ", options.arguments()) + "`; " + options.orders()
                + " timed orders per level after " + options.warmup() + " warm-up orders, one fresh name each, http-01,"
                + " polling every " + options.pollMillis() + " ms, " + options.accountKey() + " account keys.\n\n"
                + crl + store;
        Report.write(results, header, options.out());
        System.out.print(Report.markdown(results, header));
        System.out.println("\nWritten: " + options.out().resolve(Report.TABLE) + " and " + options.out().resolve(Report.CHART));
        return results;
    }

    /**
     * Starts the target, a second time on fresh state if the first start failed: the free ports it picked may be
     * taken by another program before it binds them, on a machine others use too.
     */
    private static Target.Running start(Target target, Path levelWork) throws Exception {
        try {
            return target.start(levelWork);
        } catch (Exception e) {
            System.err.printf("[bench] %s did not start (%s); once more on fresh state%n", target.name(), e.getMessage());
            deleteTree(levelWork);
            return target.start(levelWork);
        }
    }

    /** The level again, on fresh state pre-filled after its warm-up with {@code --prefill} certificates. */
    private static LevelResult prefilled(Target target, BenchOptions options, int clients, Path work)
            throws java.io.IOException {
        String name = Report.prefilledName(target.name(), options.prefill());
        Path levelWork = work.resolve(target.name().toLowerCase() + "-prefilled-" + clients);
        deleteTree(levelWork);
        System.err.printf("[bench] %s, %d clients: starting on fresh state%n", name, clients);
        LevelResult r;
        try (Target.Running server = start(target, levelWork)) {
            r = LevelRun.run(name, server, options, clients, options.prefill());
        } catch (Exception e) {
            r = LevelResult.notStarted(name, clients, "did not run: " + e.getMessage());
        }
        System.err.printf("[bench] %s%n", Report.markdown(List.of(r), "").lines().skip(2).findFirst().orElse(""));
        return r;
    }

    /** The CRL at scale, as a sentence for the report; a failure is reported, not fatal. */
    static String crlTrial(InkanTarget inkan, Path work, int entries) throws java.io.IOException {
        deleteTree(work);
        Files.createDirectories(work);
        System.err.printf("[bench] CRL of %,d entries: building%n", entries);
        try {
            java.util.Map<String, String> r = new java.util.HashMap<>();
            for (String field : inkan.crlTrial(work, entries).split(" ")) {
                String[] kv = field.split("=", 2);
                if (kv.length == 2) {
                    r.put(kv[0], kv[1]);
                }
            }
            String line = String.format(java.util.Locale.ROOT,
                    "CRL at scale: a CRL of %,d entries (%,d bytes) built, linted, signed in the HSM and verified in %,d ms"
                            + " (`inkan crl-trial`).%n%n", Integer.parseInt(r.get("entries")),
                    Long.parseLong(r.get("bytes")), Long.parseLong(r.get("millis")));
            System.err.print("[bench] " + line);
            return line;
        } catch (Exception e) {
            return "CRL at scale: the trial of " + entries + " entries failed: " + e.getMessage() + "\n\n";
        }
    }

    static void deleteTree(Path dir) throws java.io.IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /** A CA someone else started: nothing is started or stopped, and its CPU is counted only with its PIDs. */
    private record ExternalTarget(URI directory, Path trustRoot, List<Long> pids, int http01Port) implements Target {
        @Override
        public String name() {
            return "Inkan";
        }

        @Override
        public Running start(Path work) {
            return new Running() {
                @Override
                public URI directory() {
                    return directory;
                }

                @Override
                public Path trustRoot() {
                    return trustRoot;
                }

                @Override
                public int http01Port() {
                    return http01Port;
                }

                @Override
                public List<Long> pids() {
                    return pids;
                }

                @Override
                public void close() {
                    // not ours to stop
                }
            };
        }
    }
}
