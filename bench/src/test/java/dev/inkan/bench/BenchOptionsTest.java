package dev.inkan.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class BenchOptionsTest {
    @Test
    void defaultLevelsAreOneFourSixteenAndSixtyFourClients() {
        assertEquals(List.of(1, 4, 16, 64), BenchOptions.parse(new String[0]).levels());
    }

    @Test
    void comparePebbleIsTheOnlyComparison() {
        assertTrue(BenchOptions.parse(new String[] {"--compare", "pebble"}).comparePebble());
        assertThrows(IllegalArgumentException.class, () -> BenchOptions.parse(new String[] {"--compare", "boulder"}));
    }

    @Test
    void smokeModeIsShort() {
        BenchOptions o = BenchOptions.parse(new String[] {"--smoke"});
        assertEquals(List.of(2), o.levels());
        assertEquals(6, o.orders());
    }

    @Test
    void anOptionWithoutAValueIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> BenchOptions.parse(new String[] {"--orders"}));
    }
}
