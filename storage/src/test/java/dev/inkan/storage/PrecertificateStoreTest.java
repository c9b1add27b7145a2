package dev.inkan.storage;

import static dev.inkan.storage.Await.await;
import static dev.inkan.storage.Await.failure;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.inkan.core.error.CaException;
import dev.inkan.core.error.ErrorKind;
import dev.inkan.core.model.Precertificate;
import dev.inkan.core.model.PrecertificateStage;
import dev.inkan.core.port.PrecertificateStore;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class PrecertificateStoreTest extends EmbeddedStoreTest {
    private static final byte[] TBS = {0x30, 0x03, 0x02, 0x01, 0x01};
    private static final byte[] PRECERT = {0x30, 0x02, 0x05, 0x00};
    private static final byte[] FINAL_TBS = {0x30, 0x03, 0x02, 0x01, 0x02};
    private final PrecertificateStore precerts = storage.precertificates();

    private static Precertificate recorded() {
        return new Precertificate("7" + UUID.randomUUID().toString().replace("-", ""), "dv", "order-1",
                PrecertificateStage.TBS_RECORDED, TBS, null, List.of(), null, null, T0, null);
    }

    @Test
    void testSuccess_stagesFollowEachOtherAndKeepTheirBytes() {
        Precertificate p = await(precerts.insert(recorded()));
        await(precerts.markSigned(p.serial(), PRECERT, T0.plusSeconds(1))).orElseThrow();
        await(precerts.recordFinalIntent(p.serial(), List.of(new byte[] {1, 2}, new byte[] {3}), FINAL_TBS,
                T0.plusSeconds(2))).orElseThrow();
        Precertificate done = await(precerts.markFinalIssued(p.serial(), T0.plusSeconds(3))).orElseThrow();

        assertEquals(PrecertificateStage.FINAL_ISSUED, done.stage());
        assertArrayEquals(TBS, done.precertTbsDer());
        assertArrayEquals(PRECERT, done.precertDer());
        assertArrayEquals(FINAL_TBS, done.finalTbsDer());
        assertEquals(2, done.scts().size());
        assertArrayEquals(new byte[] {1, 2}, done.scts().get(0));
        assertEquals(T0.plusSeconds(3), done.updatedAt());
        assertTrue(await(precerts.byOrder("order-1")).stream().anyMatch(x -> x.serial().equals(p.serial())));
    }

    @Test
    void testFailure_serialRecordedTwiceIsAConflict() {
        Precertificate p = await(precerts.insert(recorded()));
        Throwable e = failure(precerts.insert(p));
        assertEquals(ErrorKind.CONFLICT, assertInstanceOf(CaException.class, e).kind());
    }

    @Test
    void testFailure_onlyOneOfConcurrentFinalIntentsWins() {
        Precertificate p = await(precerts.insert(recorded()));
        await(precerts.markSigned(p.serial(), PRECERT, T0));
        AtomicInteger winners = new AtomicInteger();
        List<io.vertx.core.Future<?>> all = new java.util.ArrayList<>();
        for (int i = 0; i < 10; i++) {
            all.add(precerts.recordFinalIntent(p.serial(), List.of(new byte[] {(byte) i}), FINAL_TBS, T0)
                    .onSuccess(o -> o.ifPresent(x -> winners.incrementAndGet())));
        }
        await(io.vertx.core.Future.all(all));
        assertEquals(1, winners.get());
    }

    @Test
    void testSuccess_abandonOnlyBeforeTheFinalIntentAndInterruptOnlyAfter() {
        Precertificate a = await(precerts.insert(recorded()));
        assertEquals(PrecertificateStage.ABANDONED,
                await(precerts.abandon(a.serial(), "CT down", T0)).orElseThrow().stage());
        assertEquals("CT down", await(precerts.bySerial(a.serial())).orElseThrow().error());

        Precertificate b = await(precerts.insert(recorded()));
        await(precerts.markSigned(b.serial(), PRECERT, T0));
        await(precerts.recordFinalIntent(b.serial(), List.of(new byte[] {1}), FINAL_TBS, T0));
        assertTrue(await(precerts.abandon(b.serial(), "late", T0)).isEmpty());
        assertEquals(PrecertificateStage.INTERRUPTED, await(precerts.markInterrupted(b.serial(), T0)).orElseThrow().stage());
    }

    @Test
    void testSuccess_unfinishedSinceListsOnlyOpenStagesOlderThanTheCut() {
        Precertificate open = await(precerts.insert(recorded()));
        Precertificate closed = await(precerts.insert(recorded()));
        await(precerts.abandon(closed.serial(), "x", T0));

        List<String> found = await(precerts.unfinishedSince(T0.plus(Duration.ofSeconds(1)))).stream()
                .map(Precertificate::serial).toList();

        assertTrue(found.contains(open.serial()));
        assertTrue(!found.contains(closed.serial()));
        assertTrue(await(precerts.unfinishedSince(T0.minusSeconds(1))).stream()
                .noneMatch(p -> p.serial().equals(open.serial())));
    }
}
