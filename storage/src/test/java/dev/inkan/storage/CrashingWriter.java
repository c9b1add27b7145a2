package dev.inkan.storage;

import dev.inkan.core.model.CertificateRecord;
import dev.inkan.core.model.CertificateStatus;
import dev.inkan.core.port.CertificateStore;
import dev.inkan.core.time.MutableClock;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * Run in a child JVM by {@link CrashDurabilityTest}: reserves serials on the embedded store, prints each one
 * as soon as its write is acknowledged, then dies at once with {@link Runtime#halt}: no shutdown hooks, no
 * close, no final commit.
 */
public final class CrashingWriter {
    static final String ACKED = "acked ";

    private CrashingWriter() {}

    public static void main(String[] args) {
        Path file = Path.of(args[0]);
        int count = Integer.parseInt(args[1]);
        Instant now = Instant.parse("2026-03-01T00:00:00Z");
        Vertx vertx = Vertx.vertx();
        Storage storage = Await.await(Storage.open(vertx, StorageConfig.embedded(file), new MutableClock(now)));
        CertificateStore certificates = storage.stores().certificates();
        for (int i = 0; i < count; i++) {
            String serial = Integer.toHexString(0x10000 + i);
            Await.await(certificates.reserve(new CertificateRecord(serial, "dv", "acct", "order", CertificateStatus.RESERVED,
                    new byte[] {0x30, (byte) i}, null, List.of("a.example.jp"), "ab", now, now, now, null, null)));
            System.out.println(ACKED + serial);
            System.out.flush();
        }
        Runtime.getRuntime().halt(0);
    }
}
