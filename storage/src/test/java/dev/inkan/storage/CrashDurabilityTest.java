package dev.inkan.storage;

import static dev.inkan.storage.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.inkan.core.model.CertificateRecord;
import dev.inkan.core.model.CertificateStatus;
import dev.inkan.core.time.MutableClock;
import io.vertx.core.Vertx;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * "A crash must never leave an unrecorded signature": a write whose acknowledgement the caller saw is still
 * there after the process dies without any shutdown. The stock H2 backend loses about the last second of
 * writes here (research/toolcheck.md §2).
 */
class CrashDurabilityTest {
    @TempDir
    Path dir;

    @Test
    void testSuccess_acknowledgedWritesSurviveAHaltRightAfterTheLastAck() throws Exception {
        Path file = dir.resolve("inkan.mv");
        List<String> acked = runCrashingWriter(file, 1, 300, -1);
        assertEquals(300, acked.size());
        assertAllIssued(file, acked);
    }

    @Test
    void testSuccess_haltInTheMiddleOfConcurrentWritesLosesNothingAcknowledged() throws Exception {
        Path file = dir.resolve("inkan.mv");
        List<String> acked = runCrashingWriter(file, 4, 1_000_000, 2500);
        assertTrue(acked.size() > 10, "too few writes before the halt: " + acked.size());
        assertAllIssued(file, acked);
    }

    private static void assertAllIssued(Path file, List<String> acked) {
        Vertx vertx = Vertx.vertx();
        try {
            Storage storage = await(Storage.open(vertx, StorageConfig.embedded(file), new MutableClock(Instant.EPOCH)));
            try {
                List<String> lost = new ArrayList<>();
                for (String serial : acked) {
                    Optional<CertificateRecord> stored = await(storage.stores().certificates().bySerial(serial));
                    if (stored.isEmpty() || stored.get().status() != CertificateStatus.ISSUED || stored.get().der().length != 3) {
                        lost.add(serial);
                    }
                }
                assertEquals(List.of(), lost, "acknowledged but lost");
            } finally {
                await(storage.close());
            }
        } finally {
            await(vertx.close());
        }
    }

    private static List<String> runCrashingWriter(Path file, int writers, int perWriter, long haltAfterMillis)
            throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Process child = new ProcessBuilder(java, "-cp", classpath, CrashingWriter.class.getName(), file.toString(),
                Integer.toString(writers), Integer.toString(perWriter), Long.toString(haltAfterMillis))
                .redirectErrorStream(true)
                .start();
        List<String> acked = new ArrayList<>();
        StringBuilder other = new StringBuilder();
        // A deadline on the child: reading its output is not interruptible, so a stuck child is killed, which
        // ends the stream and fails the test with what it printed.
        CompletableFuture<Process> watchdog = child.onExit();
        watchdog.orTimeout(4, TimeUnit.MINUTES).exceptionally(timeout -> child.destroyForcibly());
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = out.readLine()) != null; ) {
                if (line.startsWith(CrashingWriter.ACKED)) {
                    acked.add(line.substring(CrashingWriter.ACKED.length()));
                } else {
                    other.append(line).append('\n');
                }
            }
        } finally {
            boolean exited = child.waitFor(60, TimeUnit.SECONDS);
            if (!exited) {
                child.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            assertTrue(exited, "the writer did not exit");
        }
        assertEquals(0, child.exitValue(), other.toString());
        return acked;
    }
}
