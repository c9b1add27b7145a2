package dev.inkan.storage;

import static dev.inkan.storage.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.inkan.core.port.RateLimitCounters;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class RateLimitCountersTest extends EmbeddedStoreTest {
    private static final Duration HOUR = Duration.ofHours(1);
    private final RateLimitCounters counters = storage.rateLimitCounters();

    @Test
    void testSuccess_takeCountsUpToTheLimitThenRefuses() {
        String key = newId("orders");
        assertTrue(await(counters.take(key, 2, HOUR, T0)));
        assertTrue(await(counters.take(key, 2, HOUR, T0.plusSeconds(1))));
        assertFalse(await(counters.take(key, 2, HOUR, T0.plusSeconds(2))));
        assertEquals(2L, await(counters.count(key, HOUR, T0)));
    }

    @Test
    void testSuccess_theNextWindowStartsFromNothing() {
        String key = newId("orders");
        assertTrue(await(counters.take(key, 1, HOUR, T0)));
        assertFalse(await(counters.take(key, 1, HOUR, T0)));
        var next = RateLimitCounters.windowStart(T0, HOUR).plus(HOUR);
        assertTrue(await(counters.take(key, 1, HOUR, next)));
    }

    @Test
    void testSuccess_addCountsPastAnyLimit() {
        String key = newId("failed");
        for (int i = 0; i < 3; i++) {
            await(counters.add(key, HOUR, T0));
        }
        assertEquals(3L, await(counters.count(key, HOUR, T0)));
        assertEquals(0L, await(counters.count(newId("other"), HOUR, T0)));
    }

    @Test
    void testSuccess_concurrentTakesNeverPassTheLimit() {
        String key = newId("race");
        List<Future<Boolean>> takes = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            takes.add(counters.take(key, 5, HOUR, T0));
        }
        await(Future.join(takes));
        assertEquals(5L, takes.stream().filter(Future::result).count());
        assertEquals(5L, await(counters.count(key, HOUR, T0)));
    }

    @Test
    void testSuccess_anotherCounterOverTheSameStoreSeesTheCount() {
        String key = newId("shared");
        RateLimitCounters other = storage.rateLimitCounters();
        assertTrue(await(counters.take(key, 1, HOUR, T0)));
        assertFalse(await(other.take(key, 1, HOUR, T0)));
    }

    @Test
    void testSuccess_aCounterThatCountedLastTakesTheNextInOneCall() {
        String key = newId("orders");
        assertTrue(await(counters.take(key, 5, HOUR, T0)));
        long before = rateLimitCalls();
        assertTrue(await(counters.take(key, 5, HOUR, T0)));
        assertEquals(1L, rateLimitCalls() - before);
        assertEquals(2L, await(counters.count(key, HOUR, T0)));
    }

    @Test
    void testSuccess_aCountReadBeforeSavesTheReadOfTheNextAdd() {
        String key = newId("domain");
        assertEquals(0L, await(counters.count(key, HOUR, T0)));
        long before = rateLimitCalls();
        await(counters.add(key, HOUR, T0));
        assertEquals(1L, rateLimitCalls() - before);
        assertEquals(1L, await(counters.count(key, HOUR, T0)));
    }

    @Test
    void testSuccess_aCountAnotherFrontEndMovedIsReadAgainAndNeverPassesTheLimit() {
        String key = newId("shared");
        RateLimitCounters other = storage.rateLimitCounters();
        assertTrue(await(counters.take(key, 3, HOUR, T0)));
        assertTrue(await(other.take(key, 3, HOUR, T0)));
        assertTrue(await(counters.take(key, 3, HOUR, T0)));
        assertFalse(await(other.take(key, 3, HOUR, T0)));
        assertFalse(await(counters.take(key, 3, HOUR, T0)));
        assertEquals(3L, await(counters.count(key, HOUR, T0)));
    }

    @Test
    void testSuccess_aRememberedCountAtTheLimitRefusesWithoutAsking() {
        String key = newId("full");
        assertTrue(await(counters.take(key, 1, HOUR, T0)));
        long before = rateLimitCalls();
        assertFalse(await(counters.take(key, 1, HOUR, T0)));
        assertEquals(0L, rateLimitCalls() - before);
    }

    private static long rateLimitCalls() {
        return storage.calls().snapshot().entrySet().stream().filter(e -> e.getKey().startsWith("rateLimits "))
                .mapToLong(java.util.Map.Entry::getValue).sum();
    }
}
