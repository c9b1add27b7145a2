package dev.inkan.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class SummaryTest {
    @Test
    void testSuccess_nearestRankPercentiles() {
        List<Long> sorted = List.of(10L, 20L, 30L, 40L, 50L, 60L, 70L, 80L, 90L, 100L);
        assertEquals(50, Summary.percentile(sorted, 50));
        assertEquals(90, Summary.percentile(sorted, 90));
        assertEquals(10, Summary.percentile(List.of(10L), 90));
    }

    @Test
    void testSuccess_rateIsIssuedOverWallTime() {
        Summary s = Summary.of(List.of(1_000_000L, 3_000_000L), 1, 2_000_000_000L);
        assertEquals(2, s.issued());
        assertEquals(1, s.failed());
        assertEquals(1.0, s.perSecond(), 1e-9);
        assertEquals(1.0, s.medianMs(), 1e-9);
    }

    @Test
    void testFailure_optionWithoutValueIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> BenchOptions.parse(new String[] {"--clients"}));
    }
}
