package dev.inkan.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The adjustable clock is a sandbox test hook: production refuses it, and it only moves forward. */
@Timeout(30)
class AdjustableClockTest {
    private static final Map<String, String> ON = Map.of(AdjustableClock.ENV, "adjustable");

    @Test
    void testOf_productionRefusesToStartWithIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AdjustableClock.of(ON, true));
        assertTrue(e.getMessage().contains("production"), e.getMessage());
    }

    @Test
    void testOf_withoutTheVariableTheSystemClock() {
        assertEquals(Clock.systemUTC(), AdjustableClock.of(Map.of(), false));
        assertEquals(Clock.systemUTC(), AdjustableClock.of(Map.of(), true));
    }

    @Test
    void testAdvance_movesTheSandboxClockForwardOnly() {
        AdjustableClock clock = assertInstanceOf(AdjustableClock.class, AdjustableClock.of(ON, false));
        Instant moved = clock.advance(Duration.ofDays(11));
        assertTrue(moved.isAfter(Instant.now().plus(Duration.ofDays(10))), moved.toString());
        assertTrue(clock.instant().isAfter(Instant.now().plus(Duration.ofDays(10))));
        assertThrows(IllegalArgumentException.class, () -> clock.advance(Duration.ofSeconds(-1)));
    }
}
