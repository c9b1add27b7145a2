package dev.inkan.app.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.inkan.bench.IssuanceBench;
import dev.inkan.bench.LevelResult;
import dev.inkan.bench.Report;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The bench in its smoke mode, against the CA's real jar and Debian's pebble, so that the bench itself cannot
 * rot. It asserts that the run completes without errors and writes its report; it never asserts a number. It lives
 * with the CA's interop tests, which have the CA's jar, so that the bench (a test dependency here) stays free of
 * any arrow to the CA; MultiProcessIT runs the bench through the balancer the same way.
 */
class BenchSmokeIT {

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void smokeRunIssuesEveryOrderWithoutErrorAndWritesTheReport() throws Exception {
        Path jar = SandboxServer.jar();
        Path out = Path.of(System.getProperty("inkan.itHome", "target/it-home")).toAbsolutePath()
                .resolveSibling("bench-smoke");
        SandboxServer.deleteTree(out);
        List<LevelResult> results = IssuanceBench.run("--smoke", "--compare", "pebble", "--inkan-jar", jar.toString(),
                "--out", out.toString(), "--prefill", "300");

        LevelResult inkan = results.stream().filter(r -> r.target().equals("Inkan")).findFirst().orElseThrow();
        assertEquals(List.of(), inkan.errors(), "the CA's errors");
        assertEquals("", inkan.stall());
        assertEquals(6, inkan.issued(), "every timed order of the smoke run issued");
        assertTrue(inkan.ocspGetPerSecond() > 0 && inkan.ocspPostPerSecond() > 0,
                "OCSP was asked about the issued certificates by GET and by POST, and answered");
        LevelResult prefilled = results.stream().filter(r -> r.target().equals("Inkan, 300 stored")).findFirst()
                .orElseThrow();
        assertEquals(List.of(), prefilled.errors(), "the CA's errors on the pre-filled store");
        assertEquals(6, prefilled.issued(), "every timed order on the pre-filled store issued");
        // Pebble may stall (a known deadlock in 2.4); the bench must still finish and report it
        assertTrue(results.stream().anyMatch(r -> r.target().equals("Pebble")), "pebble was measured too");
        assertTrue(Files.size(out.resolve(Report.CHART)) > 0, "the chart was written");
        String table = Files.readString(out.resolve(Report.TABLE));
        assertTrue(table.contains("| Inkan | 2 |"), "the table has the CA's row");
        assertTrue(table.contains("CRL at scale: a CRL of 1,000 entries"), "the CRL trial ran and was reported");
        assertTrue(table.contains("Throughput on the pre-filled store as a share of the empty store's"),
                "the pre-filled level was compared with the empty one");
    }
}
