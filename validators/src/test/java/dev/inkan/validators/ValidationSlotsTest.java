package dev.inkan.validators;

import static dev.inkan.validators.Http01Test.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.inkan.core.error.ErrorKind;
import dev.inkan.core.model.Identifier;
import dev.inkan.core.port.ValidationAuthority;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class ValidationSlotsTest {
    private Vertx vertx;
    /** Holds every validation it is asked for until the test completes it. */
    private final Held held = new Held();

    static final class Held implements ValidationAuthority {
        final List<ValidationRequest> asked = new CopyOnWriteArrayList<>();
        final List<Promise<ValidationOutcome>> promises = new CopyOnWriteArrayList<>();

        @Override
        public Future<ValidationOutcome> validate(ValidationRequest request) {
            Promise<ValidationOutcome> p = Promise.promise();
            asked.add(request);
            promises.add(p);
            return p.future();
        }

        void finish(int i) {
            promises.get(i).complete(new ValidationOutcome(true, null, List.of()));
        }
    }

    @BeforeEach
    void start() {
        vertx = Vertx.vertx();
    }

    @AfterEach
    void stop() throws Exception {
        await(vertx.close());
    }

    private static ValidationAuthority.ValidationRequest request(String account, String name) {
        return new ValidationAuthority.ValidationRequest(Identifier.dns(name), "http-01", "t", "t.k", account);
    }

    private void awaitAsked(int n) throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (held.asked.size() < n && System.nanoTime() < until) {
            Thread.sleep(10);
        }
        assertEquals(n, held.asked.size());
    }

    @Test
    void testSuccess_oneAccountWaitsForItsOwnSlotsOnly() throws Exception {
        ValidationSlots slots = new ValidationSlots(held, vertx, 10, 2, Duration.ofSeconds(20));
        var a1 = slots.validate(request("acct/a", "a1.example"));
        slots.validate(request("acct/a", "a2.example"));
        var a3 = slots.validate(request("acct/a", "a3.example"));
        awaitAsked(2);
        assertEquals(1, slots.waiting());

        var b1 = slots.validate(request("acct/b", "b1.example"));
        awaitAsked(3);
        assertEquals("b1.example", held.asked.get(2).identifier().value(), "another account is not queued behind");

        held.finish(0);
        assertTrue(await(a1).valid());
        awaitAsked(4);
        assertEquals("a3.example", held.asked.get(3).identifier().value());
        held.finish(2);
        held.finish(3);
        assertTrue(await(b1).valid());
        assertTrue(await(a3).valid());
    }

    @Test
    void testSuccess_theOverallCapHoldsAcrossAccounts() throws Exception {
        ValidationSlots slots = new ValidationSlots(held, vertx, 2, 2, Duration.ofSeconds(20));
        slots.validate(request("acct/a", "a.example"));
        slots.validate(request("acct/b", "b.example"));
        var c = slots.validate(request("acct/c", "c.example"));
        awaitAsked(2);
        assertEquals(2, slots.inFlight());
        assertEquals(1, slots.waiting());
        held.finish(1);
        awaitAsked(3);
        held.finish(2);
        assertTrue(await(c).valid());
    }

    @Test
    void testFailure_aRequestThatWaitsTooLongIsRateLimitedAndNeverRun() throws Exception {
        ValidationSlots slots = new ValidationSlots(held, vertx, 1, 1, Duration.ofMillis(300));
        slots.validate(request("acct/a", "a1.example"));
        var late = slots.validate(request("acct/a", "a2.example"));
        var outcome = await(late);
        assertFalse(outcome.valid());
        assertEquals(ErrorKind.RATE_LIMITED, outcome.error().kind());
        held.finish(0);
        Thread.sleep(100);
        assertEquals(1, held.asked.size());
        assertEquals(0, slots.waiting());
        assertEquals(0, slots.inFlight());
    }
}
