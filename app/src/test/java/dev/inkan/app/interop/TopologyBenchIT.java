package dev.inkan.app.interop;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.inkan.bench.IssuanceBench;
import dev.inkan.bench.LevelResult;
import dev.inkan.bench.Report;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The bench's measurement of the multi-process CA through haproxy beside the single process, on the same machine in
 * the same run, at {@code inkan.topologyBench.clients} clients and {@code inkan.topologyBench.orders} timed orders:
 * first the topology of {@link MultiProcessTopology} (with the JVM's default options, as {@code ./inkan serve}
 * runs), stopped before the single process starts so that each has the machine to itself. Both reports go to
 * {@code app/target/topology-bench/}, side by side in {@code topology-bench.md}. Not part of the default run:
 * {@code ./inkan bench-topology} or {@code mvn -pl app -am verify -Ptopology-bench}.
 */
@EnabledIfSystemProperty(named = "inkan.topologyBench.clients", matches = "\\d+")
class TopologyBenchIT {
    private static final int CLIENTS = Integer.getInteger("inkan.topologyBench.clients", 16);
    private static final int ORDERS = Integer.getInteger("inkan.topologyBench.orders", 200);

    @Test
    @Timeout(value = 60, unit = TimeUnit.MINUTES)
    void testBenchThroughTheBalancerBesideTheSingleProcess() throws Exception {
        Path out = Path.of(System.getProperty("inkan.itHome", "target/it-home")).toAbsolutePath()
                .resolveSibling("topology-bench");
        SandboxServer.deleteTree(out);
        String[] level = {"--clients", String.valueOf(CLIENTS), "--orders", String.valueOf(ORDERS), "--warmup",
                String.valueOf(Math.max(CLIENTS, ORDERS / 4)), "--max-seconds", "300", "--crl-entries", "0"};
        List<LevelResult> multi;
        try (MultiProcessTopology t = MultiProcessTopology.start(out.resolve("topology"), Duration.ofMinutes(40),
                List.of())) {
            // every front end's first requests load classes and providers; the single process gets the same warm-up
            // from its own warm-up orders, which reach its one JVM
            IssuanceBench.run("--clients", "3", "--orders", "6", "--warmup", "0", "--crl-entries", "0",
                    "--ocsp-seconds", "0", "--directory", t.directory(), "--trust-root", t.tlsRoot().toString(),
                    "--http01-port", String.valueOf(t.http01Port()), "--out", out.resolve("warm-up").toString());
            multi = IssuanceBench.run(concat(level, "--directory", t.directory(), "--trust-root",
                    t.tlsRoot().toString(), "--http01-port", String.valueOf(t.http01Port()), "--server-pid",
                    String.join(",", t.pids().stream().map(String::valueOf).toList()), "--out",
                    out.resolve("multi").toString()));
        }
        List<LevelResult> single = IssuanceBench.run(concat(level, "--inkan-jar", SandboxServer.jar().toString(),
                "--out", out.resolve("single").toString()));
        Files.writeString(out.resolve("topology-bench.md"), "# Several processes through haproxy\n\n"
                + Files.readString(out.resolve("multi").resolve(Report.TABLE))
                + "\n# One process\n\n" + Files.readString(out.resolve("single").resolve(Report.TABLE)));
        System.out.println("written: " + out.resolve("topology-bench.md"));
        assertTrue(multi.get(0).errors().isEmpty() && multi.get(0).stall().isEmpty(), multi.toString());
        assertTrue(single.get(0).errors().isEmpty() && single.get(0).stall().isEmpty(), single.toString());
    }

    private static String[] concat(String[] a, String... b) {
        String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
