package dev.inkan.orderapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.inkan.core.reseller.ApiKey;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class ApiKeysTest {
    private static final Instant NOW = Instant.parse("2026-12-07T10:00:00Z");
    private static final String ID = "0123456789abcdef0123456789ab";
    private static final String SECRET = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";

    @Test
    void testParse_splitsTheKeyIdFromTheSecret() {
        ApiKeys.Presented p = ApiKeys.parse(ApiKeys.token(ID, SECRET)).orElseThrow();
        assertEquals(ID, p.keyId());
        assertEquals(SECRET, p.secret());
    }

    @Test
    void testParse_refusesAnythingElse() {
        assertTrue(ApiKeys.parse("Bearer " + ApiKeys.token(ID, SECRET)).isEmpty());
        assertTrue(ApiKeys.parse("ik_" + ID).isEmpty());
        assertTrue(ApiKeys.parse(null).isEmpty());
    }

    @Test
    void testMatches_onlyTheSecretWhoseDigestIsStored() {
        ApiKey stored = new ApiKey(ID, "rsl_1", ApiKeys.digest(SECRET), NOW, null, null);
        assertTrue(ApiKeys.matches(stored, SECRET));
        assertFalse(ApiKeys.matches(stored, SECRET.replace('A', 'B')));
        assertFalse(stored.secretSha256().contains(SECRET), "the secret itself is never stored");
    }

    @Test
    void testLiveAt_aRotatedKeyWorksUntilItsOverlapEndsAndARevokedOneNever() {
        ApiKey rotated = new ApiKey(ID, "rsl_1", ApiKeys.digest(SECRET), NOW, NOW.plus(Duration.ofDays(7)), null);
        assertTrue(rotated.liveAt(NOW.plus(Duration.ofDays(6))));
        assertFalse(rotated.liveAt(NOW.plus(Duration.ofDays(7))));
        ApiKey revoked = new ApiKey(ID, "rsl_1", ApiKeys.digest(SECRET), NOW, null, NOW.plusSeconds(1));
        assertFalse(revoked.liveAt(NOW.plusSeconds(2)));
    }
}
