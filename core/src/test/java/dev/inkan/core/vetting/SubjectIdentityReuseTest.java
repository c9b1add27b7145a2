package dev.inkan.core.vetting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class SubjectIdentityReuseTest {
    private static final Instant EFFECTIVE = Instant.parse("2026-03-15T00:00:00Z");

    @Test
    void before20260315ReuseIs825Days() {
        assertEquals(Duration.ofDays(825), SubjectIdentityReuse.maxAge(EFFECTIVE.minusSeconds(1)));
    }

    @Test
    void from20260315ReuseIs398Days() {
        assertEquals(Duration.ofDays(398), SubjectIdentityReuse.maxAge(EFFECTIVE));
    }

    @Test
    void vettingOf400DaysAgoIsReusableBeforeTheDateButNotAfter() {
        Instant before = EFFECTIVE.minus(Duration.ofDays(1));
        assertTrue(SubjectIdentityReuse.reusable(before.minus(Duration.ofDays(400)), before));
        Instant after = EFFECTIVE.plus(Duration.ofDays(1));
        assertFalse(SubjectIdentityReuse.reusable(after.minus(Duration.ofDays(400)), after));
    }

    @Test
    void lastInstantOfThe398DaysIsReusableAndTheNextIsNot() {
        Instant vetted = Instant.parse("2026-06-01T00:00:00Z");
        Instant end = vetted.plus(Duration.ofDays(398));
        assertTrue(SubjectIdentityReuse.reusable(vetted, end.minusNanos(1)));
        assertFalse(SubjectIdentityReuse.reusable(vetted, end));
    }
}
