package dev.inkan.core.policy;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class ReverseZoneNamesTest {
    private static final Instant BEFORE = Instant.parse("2026-03-14T23:59:59Z");
    private static final Instant FROM = Instant.parse("2026-03-15T00:00:00Z");

    @Test
    void testArpa_reverseNamesRefusedFromTheEffectiveDateOn() {
        assertNull(ReverseZoneNames.problem("4.3.2.1.in-addr.arpa", BEFORE));
        assertNotNull(ReverseZoneNames.problem("4.3.2.1.in-addr.arpa", FROM));
        assertNotNull(ReverseZoneNames.problem("1.0.0.0.ip6.arpa", FROM));
        assertNotNull(ReverseZoneNames.problem("*.2.0.192.IN-ADDR.ARPA.", FROM));
    }

    @Test
    void testArpa_namesThatMerelyContainArpaAreNotArpa() {
        assertFalse(ReverseZoneNames.isArpa("arpa.example.com"));
        assertFalse(ReverseZoneNames.isArpa("example.notarpa"));
        assertTrue(ReverseZoneNames.isArpa("home.arpa"));
    }
}
