package dev.inkan.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Issue 14 finding 4: a warning as a CA-side certificate nears its end, on both sides of the warning point. */
@Timeout(60)
class ResponderRenewalTest {
    private static final Instant NOW = Instant.parse("2026-11-22T00:00:00Z");
    /** Both certificates end at NOW + 365 days. */
    private final SoftwareHierarchy h = new SoftwareHierarchy(NOW);

    @Test
    void testFinding4_noWarningWhileEverythingHasTimeLeft() {
        assertEquals(List.of(), ResponderRenewal.warnings(h.certificates, h.certificates,
                NOW.plus(Duration.ofDays(365)).minus(ResponderRenewal.CA_WARN_BEFORE).minusSeconds(1)));
    }

    @Test
    void testFinding4_theIssuingCaIsWarnedAboutHalfAYearAhead() {
        List<String> w = ResponderRenewal.warnings(h.certificates, h.certificates,
                NOW.plus(Duration.ofDays(365)).minus(ResponderRenewal.CA_WARN_BEFORE));
        assertEquals(1, w.size(), w.toString());
        assertTrue(w.get(0).contains("'dv'") && w.get(0).contains("key ceremony"), w.get(0));
    }

    @Test
    void testFinding4_aResponderNotRotatedIsWarnedAboutTwoWeeksAhead() {
        List<String> w = ResponderRenewal.warnings(h.certificates, h.certificates,
                NOW.plus(Duration.ofDays(365)).minus(ResponderRenewal.WARN_BEFORE));
        assertTrue(w.stream().anyMatch(m -> m.contains("'ocsp-dv'") && m.contains("./inkan rotate-responders")
                && m.contains("in 14 days")), w.toString());
    }
}
