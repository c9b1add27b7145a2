package dev.inkan.storage;

import dev.inkan.core.model.CertificateRecord;
import dev.inkan.core.model.CertificateStatus;
import dev.inkan.core.port.CertificateStore;
import dev.inkan.core.time.MutableClock;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Run in a child JVM by {@link CrashDurabilityTest}. Writers reserve serials and mark them issued (the
 * updates free old chunks of the file for reuse) and print each serial once both writes are acknowledged.
 * Then the process dies at once with {@link Runtime#halt}: no shutdown hooks, no close, no final commit.
 *
 * <p>Arguments: the store file, the number of writers, the serials per writer, and how long after the first fifty
 * acknowledgements to halt, in milliseconds (-1: halt as soon as every writer is done).
 */
public final class CrashingWriter {
    static final String ACKED = "acked ";
    private static final Instant NOW = Instant.parse("2026-03-01T00:00:00Z");
    /** A halt that should land mid-stream waits for this many acknowledgements first: start-up time varies. */
    private static final int ACKS_BEFORE_THE_CLOCK_STARTS = 50;
    private static final CountDownLatch FIRST_ACKS = new CountDownLatch(ACKS_BEFORE_THE_CLOCK_STARTS);

    private CrashingWriter() {}

    public static void main(String[] args) {
        // Whatever goes wrong, the process must end: a child that outlives its main thread (Vert.x threads are
        // not daemons) would keep the parent test reading its output for ever.
        Thread.setDefaultUncaughtExceptionHandler((thread, e) -> {
            e.printStackTrace();
            Runtime.getRuntime().halt(3);
        });
        try {
            run(args);
        } catch (Throwable e) {
            e.printStackTrace();
            Runtime.getRuntime().halt(2);
        }
    }

    private static void run(String[] args) throws InterruptedException {
        Path file = Path.of(args[0]);
        int writers = Integer.parseInt(args[1]);
        int perWriter = Integer.parseInt(args[2]);
        long haltAfterMillis = Long.parseLong(args[3]);
        Vertx vertx = Vertx.vertx();
        Storage storage = Await.await(Storage.open(vertx, StorageConfig.embedded(file), new MutableClock(NOW)));
        CertificateStore certificates = storage.stores().certificates();
        Thread[] threads = new Thread[writers];
        for (int w = 0; w < writers; w++) {
            int writer = w;
            threads[w] = new Thread(() -> write(certificates, writer, perWriter));
            threads[w].start();
        }
        if (haltAfterMillis < 0) {
            for (Thread t : threads) {
                t.join();
            }
        } else {
            // counted from the first acknowledgements, not from start: on a loaded machine opening the store and
            // logging in can take longer than the whole delay
            FIRST_ACKS.await(2, TimeUnit.MINUTES);
            Thread.sleep(haltAfterMillis);
        }
        Runtime.getRuntime().halt(0);
    }

    private static void write(CertificateStore certificates, int writer, int count) {
        for (int i = 0; i < count; i++) {
            String serial = Integer.toHexString(0x100000 * (writer + 1) + i);
            Await.await(certificates.reserve(new CertificateRecord(serial, "dv", "acct", "order",
                    CertificateStatus.RESERVED, new byte[] {0x30, (byte) i}, null, List.of("a.example.jp"), "ab",
                    NOW, NOW, NOW, null, null)));
            Await.await(certificates.markIssued(serial, new byte[] {0x30, (byte) i, 0x01}));
            synchronized (System.out) {
                System.out.println(ACKED + serial);
                System.out.flush();
            }
            FIRST_ACKS.countDown();
        }
    }
}
