package dev.inkan.ra.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class DomainValidationReuseTest {

    @ParameterizedTest
    @CsvSource({
        "2020-01-01T00:00:00Z, 398",
        "2026-03-14T23:59:59Z, 398",
        "2026-03-15T00:00:00Z, 200",
        "2027-03-14T23:59:59Z, 200",
        "2027-03-15T00:00:00Z, 100",
        "2029-03-14T23:59:59Z, 100",
        "2029-03-15T00:00:00Z, 10",
        "2035-01-01T00:00:00Z, 10"})
    void testSuccess_brScheduleOnBothSidesOfEachDate(String at, long days) {
        assertEquals(Duration.ofDays(days), new DomainValidationReuse(null).window(Instant.parse(at)));
    }

    @Test
    void testSuccess_capShortensTheWindowOnly() {
        DomainValidationReuse capped = new DomainValidationReuse(Duration.ofDays(30));
        assertEquals(Duration.ofDays(30), capped.window(Instant.parse("2026-06-01T00:00:00Z")));
        assertEquals(Duration.ofDays(10), capped.window(Instant.parse("2029-06-01T00:00:00Z")));
    }

    @Test
    void testSuccess_validationOutlivesOnlyTheWindowInForceNow() {
        DomainValidationReuse reuse = new DomainValidationReuse(null);
        Instant validated = Instant.parse("2027-03-01T00:00:00Z"); // 200-day window then
        assertTrue(reuse.stillReusable(validated, Instant.parse("2027-03-14T00:00:00Z")));
        assertTrue(reuse.stillReusable(validated, Instant.parse("2027-06-08T23:59:59Z"))); // 99.99 days later
        assertFalse(reuse.stillReusable(validated, Instant.parse("2027-06-09T00:00:00Z"))); // 100 days later
    }

    @Test
    void testFailure_validationExactlyAWindowOldIsNotReusable() {
        DomainValidationReuse reuse = new DomainValidationReuse(null);
        Instant validated = Instant.parse("2026-04-01T00:00:00Z");
        assertTrue(reuse.stillReusable(validated, validated.plus(Duration.ofDays(200)).minusSeconds(1)));
        assertFalse(reuse.stillReusable(validated, validated.plus(Duration.ofDays(200))));
    }
}
