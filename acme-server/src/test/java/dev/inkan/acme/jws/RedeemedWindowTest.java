package dev.inkan.acme.jws;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class RedeemedWindowTest {
    @Test
    void anIssuedNumberRedeemsOnce() {
        RedeemedWindow w = new RedeemedWindow(8);
        long n = w.next();

        assertTrue(w.redeem(n));
        assertFalse(w.redeem(n));
    }

    @Test
    void aNumberNeverIssuedIsRefused() {
        RedeemedWindow w = new RedeemedWindow(8);
        long n = w.next();

        assertFalse(w.redeem(n + 1));
        assertFalse(w.redeem(0));
    }

    @Test
    void aNumberFallsOutOfTheWindowOnceCapacityNewerOnesWereIssued() {
        RedeemedWindow w = new RedeemedWindow(8);
        long old = w.next();
        for (int i = 0; i < 7; i++) {
            w.next();
        }
        assertTrue(w.redeem(old), "still inside: 7 newer ones");
        long kept = w.next() - 1;

        assertFalse(w.redeem(old), "out: 8 newer ones");
        assertTrue(w.redeem(kept));
    }

    @Test
    void aRedeemedSlotIsFreeAgainForTheNumberThatReusesIt() {
        RedeemedWindow w = new RedeemedWindow(2);
        long first = w.next();
        assertTrue(w.redeem(first));
        w.next();
        long third = w.next(); // same slot as the first

        assertTrue(w.redeem(third));
    }
}
