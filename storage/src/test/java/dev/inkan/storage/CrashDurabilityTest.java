package dev.inkan.storage;

import static dev.inkan.storage.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.inkan.core.model.CertificateRecord;
import dev.inkan.core.time.MutableClock;
import io.vertx.core.Vertx;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * "A crash must never leave an unrecorded signature": a reserved serial whose write was acknowledged is
 * still there after the process dies without any shutdown. The stock H2 backend loses about the last
 * second of writes here (research/toolcheck.md §2).
 */
class CrashDurabilityTest {
    private static final int WRITES = 150;

    @TempDir
    Path dir;

    @Test
    void testSuccess_acknowledgedWritesSurviveAHaltedProcess() throws Exception {
        Path file = dir.resolve("inkan.mv");
        List<String> acked = runCrashingWriter(file);
        assertEquals(WRITES, acked.size());

        Vertx vertx = Vertx.vertx();
        try {
            Storage storage = await(Storage.open(vertx, StorageConfig.embedded(file), new MutableClock(Instant.EPOCH)));
            try {
                List<String> missing = new ArrayList<>();
                for (String serial : acked) {
                    if (await(storage.stores().certificates().bySerial(serial)).isEmpty()) {
                        missing.add(serial);
                    }
                }
                assertEquals(List.of(), missing, "acknowledged but lost");
                CertificateRecord last = await(storage.stores().certificates().bySerial(acked.get(WRITES - 1))).orElseThrow();
                assertEquals(2, last.tbsDer().length);
            } finally {
                await(storage.close());
            }
        } finally {
            await(vertx.close());
        }
    }

    private static List<String> runCrashingWriter(Path file) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Process child = new ProcessBuilder(java, "-cp", classpath, CrashingWriter.class.getName(),
                file.toString(), Integer.toString(WRITES))
                .redirectErrorStream(true)
                .start();
        List<String> acked = new ArrayList<>();
        StringBuilder other = new StringBuilder();
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
                child.destroyForcibly();
            }
            assertTrue(exited, "the writer did not exit");
        }
        assertEquals(0, child.exitValue(), other.toString());
        return acked;
    }
}
