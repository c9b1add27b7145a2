package dev.inkan.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The bench in its smoke mode, against the CA's real jar and Debian's pebble, so that the bench itself cannot
 * rot. It asserts that the run completes without errors and writes its report; it never asserts a number.
 */
class BenchSmokeIT {

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void smokeRunIssuesEveryOrderWithoutErrorAndWritesTheReport() throws Exception {
        Path jar = Path.of(System.getProperty("inkan.jar", "../app/target/inkan.jar"));
        // the bench stands alone (no module arrow to app): the reactor builds app first because it comes first
        assertTrue(Files.isRegularFile(jar), jar + " is missing: build the app module before the bench's tests");
        Path out = Path.of(System.getProperty("bench.out", "target/bench-smoke")).toAbsolutePath();
        IssuanceBench.deleteTree(out);
        List<LevelResult> results = IssuanceBench.run(BenchOptions.parse(new String[] {
                "--smoke", "--compare", "pebble", "--inkan-jar", jar.toString(),
                "--out", out.toString()}));

        LevelResult inkan = results.stream().filter(r -> r.target().equals("Inkan")).findFirst().orElseThrow();
        assertEquals(List.of(), inkan.errors(), "the CA's errors");
        assertEquals("", inkan.stall());
        assertEquals(6, inkan.issued(), "every timed order of the smoke run issued");
        assertTrue(inkan.ocspGetPerSecond() > 0 && inkan.ocspPostPerSecond() > 0,
                "OCSP was asked about the issued certificates by GET and by POST, and answered");
        // Pebble may stall (a known deadlock in 2.4); the bench must still finish and report it
        assertTrue(results.stream().anyMatch(r -> r.target().equals("Pebble")), "pebble was measured too");
        assertTrue(Files.size(out.resolve(Report.CHART)) > 0, "the chart was written");
        String table = Files.readString(out.resolve(Report.TABLE));
        assertTrue(table.contains("| Inkan | 2 |"), "the table has the CA's row");
        assertTrue(table.contains("CRL at scale: a CRL of 1,000 entries"), "the CRL trial ran and was reported");
    }
}
