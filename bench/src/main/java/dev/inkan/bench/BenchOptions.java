package dev.inkan.bench;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What to measure and against what.
 *
 * @param inkanJar     the CA's runnable jar; the bench starts it on fresh state for every level
 * @param directory    an already running ACME directory to measure instead (then nothing is started)
 * @param trustRoot    the TLS root of {@code directory}
 * @param serverPids   the processes behind {@code directory} (several when the CA runs as several, behind a
 *                     balancer), for their CPU time (empty: not measured)
 * @param http01Port   where the server behind {@code directory} checks http-01 (the bench serves it there)
 * @param comparePebble also run the same workload against Debian's pebble and pebble-challtestsrv
 * @param levels       concurrent clients of each level, one account each
 * @param orders       timed orders per level, one fresh name each
 * @param warmup       orders per level before timing starts, not counted
 * @param maxSeconds   a level ends after this long even if fewer orders finished
 * @param stallSeconds no order finishing for this long while some are in flight is a stall
 * @param out          where the table and the chart go
 * @param pollMillis   how often a client polls a pending authorization or a processing order
 * @param accountKey   the clients' account key: ec256 (ES256, as lego, acme.sh and Caddy make), rsa2048 (RS256,
 *                     as certbot makes) or ec384 (ES384, acme4j's default)
 * @param serverJvmOptions extra JVM options for the CA's process, e.g. a flight recording
 * @param ocspSeconds  after each level's orders, how long to ask OCSP about its certificates by GET and then by
 *                     POST (0: not at all)
 * @param crlEntries   entries of the one CRL the CA builds, lints, signs and verifies after the levels (0: none)
 * @param prefill      certificates to pre-fill the CA's store with before a second run of every level, whose
 *                     throughput is reported beside the empty store's (0: none; this CA only, sandbox only)
 * @param arguments    the command line as given, for the report
 */
record BenchOptions(Path inkanJar, URI directory, Path trustRoot, List<Long> serverPids, int http01Port,
        boolean comparePebble, List<Integer> levels, int orders, int warmup, int maxSeconds, int stallSeconds,
        Path out, int pollMillis, String accountKey, List<String> serverJvmOptions, int ocspSeconds,
        int crlEntries, int prefill, List<String> arguments) {

    private static final Set<String> FLAGS = Set.of("smoke");

    static BenchOptions parse(String[] args) {
        Map<String, String> a = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("expected --option, got " + args[i]);
            }
            String name = args[i].substring(2);
            if (FLAGS.contains(name)) {
                a.put(name, "true");
            } else if (i + 1 < args.length) {
                a.put(name, args[++i]);
            } else {
                throw new IllegalArgumentException("option --" + name + " has no value");
            }
        }
        boolean smoke = a.containsKey("smoke");
        String compare = a.get("compare");
        if (compare != null && !compare.equals("pebble")) {
            throw new IllegalArgumentException("--compare knows only pebble, not " + compare);
        }
        List<Integer> levels = new ArrayList<>();
        for (String s : a.getOrDefault("clients", smoke ? "2" : "1,4,16,64").split(",")) {
            int n = Integer.parseInt(s.trim());
            if (n < 1 || n > 256) {
                throw new IllegalArgumentException("--clients must be 1 to 256, not " + n);
            }
            levels.add(n);
        }
        Path home = Path.of(System.getenv().getOrDefault("INKAN_HOME", "var"));
        return new BenchOptions(
                Path.of(a.getOrDefault("inkan-jar", "app/target/inkan.jar")),
                a.containsKey("directory") ? URI.create(a.get("directory")) : null,
                Path.of(a.getOrDefault("trust-root", home.resolve("tls/tls-root.pem").toString())),
                pids(a.getOrDefault("server-pid", "")),
                Integer.parseInt(a.getOrDefault("http01-port", "5002")),
                compare != null,
                List.copyOf(levels),
                positive(a, "orders", smoke ? 6 : 400),
                Integer.parseInt(a.getOrDefault("warmup", smoke ? "2" : "100")),
                positive(a, "max-seconds", smoke ? 120 : 90),
                positive(a, "stall-seconds", 60),
                Path.of(a.getOrDefault("out", home.resolve("bench").toString())),
                positive(a, "poll-millis", 50),
                accountKey(a.getOrDefault("account-key", "ec256")),
                a.containsKey("server-jvm") ? List.of(a.get("server-jvm").trim().split("\\s+")) : List.of(),
                notNegative(a, "ocsp-seconds", smoke ? 1 : 5),
                notNegative(a, "crl-entries", smoke ? 1_000 : 1_000_000),
                notNegative(a, "prefill", 0),
                List.of(args));
    }

    private static List<Long> pids(String list) {
        List<Long> pids = new ArrayList<>();
        for (String s : list.split(",")) {
            if (!s.isBlank()) {
                pids.add(Long.parseLong(s.trim()));
            }
        }
        return List.copyOf(pids);
    }

    private static String accountKey(String kind) {
        if (!List.of("ec256", "ec384", "rsa2048").contains(kind)) {
            throw new IllegalArgumentException("--account-key is ec256, ec384 or rsa2048, not " + kind);
        }
        return kind;
    }

    /** A fresh account key of the configured kind. */
    java.security.KeyPair newAccountKey() {
        return switch (accountKey) {
            case "ec384" -> org.shredzone.acme4j.util.KeyPairUtils.createECKeyPair("secp384r1");
            case "rsa2048" -> org.shredzone.acme4j.util.KeyPairUtils.createKeyPair(2048);
            default -> org.shredzone.acme4j.util.KeyPairUtils.createECKeyPair("secp256r1");
        };
    }

    private static int positive(Map<String, String> a, String name, int fallback) {
        int n = Integer.parseInt(a.getOrDefault(name, String.valueOf(fallback)));
        if (n < 1) {
            throw new IllegalArgumentException("--" + name + " must be positive");
        }
        return n;
    }

    private static int notNegative(Map<String, String> a, String name, int fallback) {
        int n = Integer.parseInt(a.getOrDefault(name, String.valueOf(fallback)));
        if (n < 0) {
            throw new IllegalArgumentException("--" + name + " must not be negative");
        }
        return n;
    }

    static String usage() {
        return """
                usage: ./inkan bench [--compare pebble] [--clients 1,4,16,64] [--orders N] [--warmup N]
                                     [--max-seconds S] [--stall-seconds S] [--poll-millis MS] [--out DIR] [--smoke]
                                     [--account-key ec256|rsa2048|ec384] [--ocsp-seconds S]
                                     [--crl-entries N] [--prefill N]
                                     [--server-jvm "JVM OPTIONS"] [--inkan-jar JAR]
                       ./inkan bench --directory URL --trust-root PEM [--server-pid PID[,PID]] [--http01-port PORT] ...
                Starts the CA (and with --compare pebble, pebble and pebble-challtestsrv) on fresh state for every
                level, creates one account per client, issues --warmup orders untimed, then --orders timed ones,
                each for one fresh name through http-01, which the bench serves itself; then asks OCSP about the
                certificates by GET and by POST for --ocsp-seconds each. After the levels the CA builds, lints, signs
                and verifies one CRL of --crl-entries synthetic entries. With --prefill N every level runs a second
                time on a store pre-filled, after the warm-up, with N copies of a warm-up issuance (certificate,
                precertificate, order, authorization, CAA checks, audit events; sandbox only), and the report gives
                its throughput as a share of the empty store's. Writes a Markdown table and
                a PNG chart to --out (default INKAN_HOME/bench). Only loopback targets make sense here.
                """ + "defaults: " + Arrays.asList("1,4,16,64", "400 orders", "100 warm-up", "90 s per level", "5 s OCSP GET and POST",
                "a CRL of 1,000,000 entries") + "\n";
    }
}
