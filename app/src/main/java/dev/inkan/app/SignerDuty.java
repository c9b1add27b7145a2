package dev.inkan.app;

import dev.inkan.ca.SignatureAlgorithm;
import dev.inkan.ca.Signer;
import dev.inkan.core.port.IssuanceQueue;
import dev.inkan.core.port.Leases;
import dev.inkan.ra.RegistrationAuthorityImpl;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The signer role's lease and work (docs/design/signer-handover.md). One lease per HSM token, {@code signer/<label>},
 * in the store: the holder renews it every {@link #RENEW_EVERY}; a standby tries to take it at the same pace and gets
 * it once the holder has not renewed for {@link #TERM}. Only the holder signs: every HSM signature first checks that
 * the lease was renewed less than {@link #SAFE} ago, so a holder cut off from the store stops signing before anyone
 * else may take over. A holder that loses its lease stops the process; its supervisor restarts it as a standby.
 */
final class SignerDuty {
    private static final Logger LOG = LoggerFactory.getLogger(SignerDuty.class);
    static final Duration TERM = Duration.ofSeconds(30);
    static final Duration RENEW_EVERY = Duration.ofSeconds(3);
    /** Signing stops when the last renewal is older than this; well inside the term, so two never overlap. */
    static final Duration SAFE = Duration.ofSeconds(20);
    private static final int PARALLEL_JOBS = 4;
    private static final long IDLE_POLL_MS = 250;

    private final Vertx vertx;
    private final Leases leases;
    private final IssuanceQueue queue;
    private final String lease;
    private final String holder;
    private final Clock clock;
    private volatile Instant renewedAt = Instant.MIN;
    private volatile boolean active;
    private volatile boolean stopping;
    /**
     * Renewals run on their own thread, not on an event loop: a loop held up by heavy work (a start-up, a burst of
     * key checks) must not make the holder miss its renewals.
     */
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "inkan-signer-lease");
        t.setDaemon(true);
        return t;
    });
    private RegistrationAuthorityImpl ra;
    private int running;

    SignerDuty(Vertx vertx, Leases leases, IssuanceQueue queue, String tokenLabel, String name, Clock clock) {
        this.vertx = vertx;
        this.leases = leases;
        this.queue = queue;
        this.lease = "signer/" + tokenLabel;
        byte[] r = new byte[4];
        new SecureRandom().nextBytes(r);
        // unique per start: a restarted process is a new holder, never mistaken for its former self
        this.holder = name + "/" + HexFormat.of().formatHex(r);
        this.clock = clock;
    }

    String holder() {
        return holder;
    }

    /**
     * Tries for the lease now and every {@link #RENEW_EVERY}; the first time it is held, runs {@code becomeActive}
     * (the ceremony, the signing services, the recovery). Returns at once.
     */
    void whenActive(Supplier<Future<Void>> becomeActive) {
        LOG.info("signer {} waiting for lease {}", holder, lease);
        ticker.scheduleWithFixedDelay(() -> tick(becomeActive), 0, RENEW_EVERY.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void tick(Supplier<Future<Void>> becomeActive) {
        if (stopping) {
            return;
        }
        Instant now = clock.instant();
        leases.acquire(lease, holder, now, TERM).onComplete(ar -> {
            boolean held = ar.succeeded() && ar.result();
            if (held) {
                if (now.isAfter(renewedAt)) { // answers may arrive out of order; only a newer renewal counts
                    renewedAt = now;
                }
                if (!active) {
                    active = true;
                    LOG.info("signer {} holds lease {}: taking over", holder, lease);
                    becomeActive.get().onFailure(e -> {
                        LOG.error("signer {} could not start signing; stopping", holder, e);
                        exit();
                    });
                }
            } else if (ar.failed()) {
                // a store that does not answer is worth a look; losing to the active signer is the expected case
                LOG.warn("signer {} could not ask for lease {}: {}", holder, lease, ar.cause().toString());
            } else if (!active) {
                LOG.debug("signer {}: lease {} is held by another; waiting as a standby", holder, lease);
            }
            if (!held && active && clock.instant().isAfter(renewedAt.plus(SAFE))) {
                LOG.error("signer {} lost lease {} ({}); stopping so that a standby takes over", holder, lease,
                        ar.failed() ? ar.cause().toString() : "held by another");
                exit();
            }
        });
    }

    /** Puts back what a previous holder had claimed, then works through the queue. Call once, when active. */
    Future<Void> startWorking(RegistrationAuthorityImpl ra) {
        this.ra = ra;
        return queue.releaseOthers(holder).map(n -> {
            if (n > 0) {
                LOG.warn("{} queued order(s) another signer had claimed are issued again", n);
            }
            vertx.setTimer(1, id -> poll());
            return null;
        });
    }

    private void poll() {
        if (stopping || !holds()) {
            vertx.setTimer(IDLE_POLL_MS, id -> poll());
            return;
        }
        if (running >= PARALLEL_JOBS) {
            return;
        }
        running++; // a claim in flight takes a slot
        queue.claim(holder).onComplete(ar -> {
            if (ar.failed() || ar.result().isEmpty()) {
                running--;
                if (ar.failed()) {
                    LOG.warn("issuance queue not readable: {}", ar.cause().toString());
                }
                if (running == 0) {
                    vertx.setTimer(IDLE_POLL_MS, id -> poll());
                }
                return;
            }
            IssuanceQueue.Job job = ar.result().get();
            LOG.info("signer {} issues queued order {} (attempt {})", holder, job.orderId(), job.attempts());
            ra.issueQueued(job, this::holds).onComplete(done -> {
                Future<?> after = done.failed() && done.cause() instanceof Leases.NotHeld
                        ? Future.succeededFuture()
                        : queue.done(job.orderId(), holder);
                after.onComplete(x -> {
                    running--;
                    poll();
                });
            });
            poll();
        });
    }

    /** Whether this process may sign now. */
    boolean holds() {
        return active && clock.instant().isBefore(renewedAt.plus(SAFE));
    }

    /** The HSM signer, refusing to sign once this process may no longer hold the lease. */
    Signer fence(Signer signer) {
        return new Signer() {
            @Override
            public SignatureAlgorithm signatureAlgorithm(String caId) {
                return signer.signatureAlgorithm(caId);
            }

            @Override
            public Future<byte[]> sign(String caId, byte[] toBeSigned) {
                if (!holds()) {
                    return Future.failedFuture(new Leases.NotHeld("signer " + holder + " no longer holds " + lease));
                }
                return signer.sign(caId, toBeSigned);
            }
        };
    }

    private void exit() {
        stopping = true;
        // System.exit runs the shutdown hook, which stops this service; never from an event loop thread
        new Thread(() -> System.exit(3), "inkan-lease-lost").start();
    }

    /**
     * Stops claiming and renewing. Work already running may finish while the last renewal is fresh; after that the
     * fence refuses its signatures and the job stays queued for the next holder.
     */
    void stop() {
        stopping = true;
        ticker.shutdownNow();
    }

    /** After the running work has drained: gives the lease up so that the standby need not wait for it to expire. */
    Future<Void> release() {
        if (!active) {
            return Future.succeededFuture();
        }
        active = false;
        Promise<Void> released = Promise.promise();
        leases.release(lease, holder).onComplete(ar -> released.tryComplete());
        return released.future();
    }
}
