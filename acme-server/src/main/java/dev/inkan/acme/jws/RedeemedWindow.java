package dev.inkan.acme.jws;

import java.util.BitSet;

/**
 * Which of this replica's nonces were redeemed, in bounded memory: nonces are numbered by a counter, and the
 * window remembers the last {@code capacity} numbers issued. A number inside the window redeems once; one
 * below it is refused as too old to tell, one above it was never issued. Issuing moves the window, so a nonce
 * stays redeemable until {@code capacity} newer ones were handed out (Boulder's nonce service works the same
 * way, with a window over the used ones).
 */
final class RedeemedWindow {
    /** A million nonces: 128 KiB of bits; at 1,000 requests a second a nonce stays good for about 17 minutes. */
    static final int DEFAULT_CAPACITY = 1 << 20;

    private final int capacity;
    private final BitSet redeemed;
    private long latest;

    RedeemedWindow(int capacity) {
        this.capacity = capacity;
        this.redeemed = new BitSet(capacity);
    }

    /** The number of the next nonce; forgets the one that falls out of the window. */
    synchronized long next() {
        latest++;
        redeemed.clear(slot(latest));
        return latest;
    }

    /** True the first time an issued number inside the window is redeemed. */
    synchronized boolean redeem(long number) {
        if (number < 1 || number > latest || number <= latest - capacity) {
            return false;
        }
        int slot = slot(number);
        if (redeemed.get(slot)) {
            return false;
        }
        redeemed.set(slot);
        return true;
    }

    private int slot(long number) {
        return (int) (number % capacity);
    }
}
