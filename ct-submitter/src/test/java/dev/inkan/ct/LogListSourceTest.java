package dev.inkan.ct;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.inkan.core.time.MutableClock;
import dev.inkan.harness.ct.FakeCtLogs;
import dev.inkan.harness.ct.SignedLogListServer;
import dev.inkan.harness.ct.SignedLogListServer.Mode;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 14 finding 9: the CT log list is read again on a schedule, its signature checked when it comes with one (as
 * Google's and Apple's lists do), and a refresh that fails keeps the last good list, logged and counted.
 */
@Timeout(60)
class LogListSourceTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-22T00:00:00Z"));
    private Vertx vertx;
    private FakeCtLogs logs;
    private SignedLogListServer server;
    /** What the list server publishes now: tests change it to publish a new list. */
    private final AtomicReference<byte[]> published = new AtomicReference<>();

    @BeforeEach
    void start() throws Exception {
        vertx = Vertx.vertx();
        logs = await(FakeCtLogs.start(vertx, FakeCtLogs.sandbox(), clock));
        published.set(logs.logList().encodePrettily().getBytes(StandardCharsets.UTF_8));
        server = await(SignedLogListServer.start(vertx, published::get));
    }

    @AfterEach
    void stop() throws Exception {
        await(server.stop());
        await(logs.stop());
        await(vertx.close());
    }

    private static <T> T await(Future<T> f) throws Exception {
        try {
            return f.toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception c ? c : e;
        }
    }

    private LogListSource signed() {
        return new LogListSource(vertx, server.listUrl(), null, LogListSource.publicKeyFromPem(server.publicKeyPem()),
                clock);
    }

    @Test
    void testFinding9_aSignedListIsLoadedWhenItsSignatureVerifies() throws Exception {
        LogListSource source = signed();
        assertEquals(3, await(source.load()).logs().size());
        assertSame(source.current(), source.current());
    }

    @Test
    void testFinding9_aBadSignatureIsRefusedAtStart() {
        server.mode(Mode.BAD_SIGNATURE);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> await(signed().load()));
        assertTrue(e.getMessage().contains("does not verify"), e.getMessage());
    }

    @Test
    void testFinding9_aListChangedAfterSigningIsRefused() {
        server.mode(Mode.TAMPERED);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> await(signed().load()));
        assertTrue(e.getMessage().contains("does not verify"), e.getMessage());
    }

    @Test
    void testFinding9_aRefreshPicksUpTheNewList() throws Exception {
        LogListSource source = signed();
        await(source.load());
        clock.set(Instant.parse("2026-11-23T00:00:00Z"));
        String oneLogRetired = new String(published.get(), StandardCharsets.UTF_8)
                .replaceFirst("\"usable\"", "\"a_state_from_the_future\"");
        published.set(oneLogRetired.getBytes(StandardCharsets.UTF_8));

        assertEquals(2, await(source.refresh()).logs().size(), "the log in an unknown state is skipped, not the list");
        assertEquals(2, source.current().logs().size());
        assertEquals(Instant.parse("2026-11-23T00:00:00Z"), source.loadedAt());
        assertEquals(0, source.refreshFailures());
    }

    @Test
    void testFinding9_aFailedRefreshKeepsTheLastGoodList() throws Exception {
        LogListSource source = signed();
        LogList good = await(source.load());
        for (Mode m : new Mode[] {Mode.BAD_SIGNATURE, Mode.TAMPERED, Mode.UNAVAILABLE}) {
            server.mode(m);
            assertSame(good, await(source.refresh()), m.toString());
            assertSame(good, source.current());
        }
        assertEquals(3, source.refreshFailures());
        server.mode(Mode.SIGNED);
        await(source.refresh());
        assertEquals(3, source.refreshFailures());
    }

    @Test
    void testFinding9_anUnsignedListNeedsNoSignature() throws Exception {
        server.mode(Mode.SIGNED);
        LogListSource unsigned = new LogListSource(vertx, server.listUrl(), null, null, clock);
        assertEquals(3, await(unsigned.load()).logs().size());
    }
}
