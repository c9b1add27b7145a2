package dev.inkan.orderapi;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How often a poller of the store sweeps: at every tick while its last sweep found work, then less and less often
 * while sweeps find nothing (twice the wait after each empty sweep, up to {@code idleMillis}), and at the next tick
 * again once something of this process {@link #wake wakes} it. An idle front end then asks the store about once per
 * {@code idleMillis} instead of twice a second; work another front end creates is that front end's to wake for, so
 * only work whose process died waits up to {@code idleMillis} longer.
 */
final class SweepPace {
    private final long tickMillis;
    private final long idleMillis;
    /** No wait: the next tick sweeps. */
    private static final long NOW = Long.MIN_VALUE;
    private final AtomicLong notBeforeNanos = new AtomicLong(NOW);
    private final AtomicInteger emptySweeps = new AtomicInteger();

    SweepPace(long tickMillis, long idleMillis) {
        this.tickMillis = tickMillis;
        this.idleMillis = Math.max(tickMillis, idleMillis);
    }

    /** Whether the tick at {@code nowNanos} (monotonic) should sweep. */
    boolean due(long nowNanos) {
        long notBefore = notBeforeNanos.get();
        return notBefore == NOW || nowNanos - notBefore >= 0;
    }

    /** A sweep ended at {@code nowNanos}; {@code foundWork}: it had something to do. */
    void swept(boolean foundWork, long nowNanos) {
        if (foundWork) {
            emptySweeps.set(0);
            notBeforeNanos.set(NOW);
            return;
        }
        int empty = Math.min(emptySweeps.incrementAndGet(), 20);
        long wait = Math.min(idleMillis, tickMillis << Math.min(empty, 20));
        // a tick this far after the sweep runs it: the tick itself is never waited past
        notBeforeNanos.set(nowNanos + (wait - tickMillis / 2) * 1_000_000L);
    }

    /** Work arrived from this process: sweep at the next tick and at every tick until sweeps find nothing again. */
    void wake() {
        emptySweeps.set(0);
        notBeforeNanos.set(NOW);
    }
}
