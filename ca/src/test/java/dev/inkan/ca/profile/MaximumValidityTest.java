package dev.inkan.ca.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class MaximumValidityTest {
    private static final Instant BEFORE_2026 = Instant.parse("2026-03-14T23:59:59Z");
    private static final Instant AT_2026 = Instant.parse("2026-03-15T00:00:00Z");
    private static final Instant BEFORE_2027 = Instant.parse("2027-03-14T23:59:59Z");
    private static final Instant AT_2027 = Instant.parse("2027-03-15T00:00:00Z");
    private static final Instant BEFORE_2029 = Instant.parse("2029-03-14T23:59:59Z");
    private static final Instant AT_2029 = Instant.parse("2029-03-15T00:00:00Z");

    @Test
    void testSuccess_capsFollowTheScheduleOnBothSidesOfEachDate() {
        assertEquals(Duration.ofDays(398), MaximumValidity.at(BEFORE_2026));
        assertEquals(Duration.ofDays(200), MaximumValidity.at(AT_2026));
        assertEquals(Duration.ofDays(200), MaximumValidity.at(BEFORE_2027));
        assertEquals(Duration.ofDays(100), MaximumValidity.at(AT_2027));
        assertEquals(Duration.ofDays(100), MaximumValidity.at(BEFORE_2029));
        assertEquals(Duration.ofDays(47), MaximumValidity.at(AT_2029));
    }

    @Test
    void testSuccess_validityCountsTheLastSecond() {
        Instant notAfter = MaximumValidity.notAfter(AT_2029, Duration.ofDays(90));
        // BR §1.6.1 and §6.3.2: notBefore through notAfter inclusive, so 47 days exactly, not a second more
        assertEquals(Duration.ofDays(47), Duration.between(AT_2029, notAfter).plusSeconds(1));
    }

    @Test
    void testSuccess_shorterWishIsKept() {
        Instant notAfter = MaximumValidity.notAfter(AT_2026, Duration.ofDays(90));
        assertEquals(Duration.ofDays(90), Duration.between(AT_2026, notAfter).plusSeconds(1));
    }
}
