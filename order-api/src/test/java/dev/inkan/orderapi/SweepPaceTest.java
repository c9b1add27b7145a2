package dev.inkan.orderapi;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class SweepPaceTest {
    private static final long MS = 1_000_000L;

    @Test
    void testSuccess_sweepsAtEveryTickWhileSweepsFindWork() {
        SweepPace pace = new SweepPace(500, 8_000);
        assertTrue(pace.due(0));
        pace.swept(true, 0);
        assertTrue(pace.due(500 * MS));
    }

    @Test
    void testSuccess_emptySweepsDoubleTheWaitUpToTheIdleLimit() {
        SweepPace pace = new SweepPace(500, 8_000);
        long now = 0;
        long[] waits = {1_000, 2_000, 4_000, 8_000, 8_000};
        for (long wait : waits) {
            pace.swept(false, now);
            assertFalse(pace.due(now + (wait - 500) * MS - 1), "not before " + wait + " ms");
            assertTrue(pace.due(now + wait * MS), "at " + wait + " ms");
            now += wait * MS;
        }
    }

    @Test
    void testSuccess_aLocalWakeSweepsAtTheNextTick() {
        SweepPace pace = new SweepPace(500, 8_000);
        for (int i = 0; i < 5; i++) {
            pace.swept(false, 0);
        }
        assertFalse(pace.due(500 * MS));
        pace.wake();
        assertTrue(pace.due(500 * MS));
        pace.swept(false, 500 * MS);
        assertTrue(pace.due(1_500 * MS), "after a wake the wait starts short again");
    }
}
