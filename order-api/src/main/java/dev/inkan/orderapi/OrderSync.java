package dev.inkan.orderapi;

import dev.inkan.core.error.CaException;
import dev.inkan.core.error.ErrorKind;
import dev.inkan.core.error.Problem;
import dev.inkan.core.model.CertificateRecord;
import dev.inkan.core.model.Order;
import dev.inkan.core.model.OrderStatus;
import dev.inkan.core.port.RegistrationAuthority;
import dev.inkan.core.port.ResellerOrderStore;
import dev.inkan.core.reseller.ResellerOrder;
import dev.inkan.core.reseller.ResellerOrderStatus;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves API orders along with their RA orders: once every name is validated (the RA order READY) it finalizes with
 * the CSR taken at ordering, and it records issuance, failure and revocation. Each change is a conditional store
 * update, so whichever path sees it first (the periodic sweep, a read, a certificate event) records it, once.
 * PROCESSING is claimed before finalize, so a cancel and a finalize can never both happen.
 */
final class OrderSync {
    private static final Logger LOG = LoggerFactory.getLogger(OrderSync.class);
    private static final int SWEEP_LIMIT = 200;

    private final Vertx vertx;
    private final RegistrationAuthority ra;
    private final OrderApiReaders readers;
    private final ResellerOrderStore orders;
    private final OrderEvents events;
    private final ResellerNotices notices;
    private final Clock clock;
    private final Set<String> inFlight = ConcurrentHashMap.newKeySet();
    private volatile boolean sweeping;
    private long timer = -1;
    static final long IDLE_MILLIS = 8_000;
    private volatile SweepPace pace = new SweepPace(500, IDLE_MILLIS);

    OrderSync(Vertx vertx, RegistrationAuthority ra, OrderApiReaders readers, ResellerOrderStore orders,
            OrderEvents events, ResellerNotices notices, Clock clock) {
        this.vertx = vertx;
        this.ra = ra;
        this.readers = readers;
        this.orders = orders;
        this.events = events;
        this.notices = notices;
        this.clock = clock;
    }

    /**
     * Sweeps every {@code interval} while orders are moving, less often while none are (at most every
     * {@link #IDLE_MILLIS}, or the interval if longer); an order placed or followed here wakes it.
     */
    void start(Duration interval) {
        pace = new SweepPace(interval.toMillis(), Math.max(IDLE_MILLIS, interval.toMillis()));
        timer = vertx.setPeriodic(interval.toMillis(), id -> {
            if (pace.due(System.nanoTime())) {
                sweep();
            }
        });
    }

    void stop() {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    private void sweep() {
        if (sweeping) {
            return;
        }
        sweeping = true;
        orders.moving(SWEEP_LIMIT)
                .compose(moving -> {
                    pace.swept(!moving.isEmpty(), System.nanoTime());
                    return Future.join(moving.stream().map(this::follow).toList());
                })
                .onComplete(ar -> {
                    sweeping = false;
                    if (ar.failed()) {
                        pace.wake();
                        LOG.warn("order follow-up sweep failed: {}", ar.cause().toString());
                    }
                });
    }

    /** Brings the order up to date with its RA order; the order as it is afterwards. */
    Future<ResellerOrder> follow(ResellerOrder o) {
        if (o.status().moving()) {
            pace.wake(); // a moving order here: the sweeps follow it at every tick until none is moving
        }
        if (!o.status().moving() || !inFlight.add(o.id())) {
            return Future.succeededFuture(o);
        }
        return readers.orders().byId(o.raOrderId())
                .compose(ra -> ra.isEmpty() ? Future.succeededFuture(o) : step(o, ra.get()))
                .eventually(() -> {
                    inFlight.remove(o.id());
                    return Future.succeededFuture();
                })
                .recover(e -> {
                    LOG.warn("could not follow order {} up: {}", o.id(), e.toString());
                    return Future.succeededFuture(o);
                });
    }

    private Future<ResellerOrder> step(ResellerOrder o, Order ra) {
        if (o.status() == ResellerOrderStatus.PENDING) {
            return switch (ra.status()) {
                case READY -> finalize(o, ra);
                case PROCESSING, VALID -> move(o, ResellerOrderStatus.PROCESSING, null, null, null)
                        .compose(p -> p.status() == ResellerOrderStatus.PROCESSING ? step(p, ra) : Future.succeededFuture(p));
                case INVALID -> move(o, ResellerOrderStatus.INVALID, null, null, errorOf(ra));
                case PENDING -> ra.expires().isAfter(clock.instant()) ? Future.succeededFuture(o)
                        : move(o, ResellerOrderStatus.INVALID, null, null, Problem.of(ErrorKind.MALFORMED,
                                "the order expired at " + ra.expires() + " before every name was validated"));
            };
        }
        return switch (ra.status()) {
            case VALID -> issued(o, ra);
            case INVALID -> move(o, ResellerOrderStatus.INVALID, null, null, errorOf(ra));
            default -> Future.succeededFuture(o);
        };
    }

    /** Claims PROCESSING first, then finalizes; a refusal makes the order invalid with the RA's problem. */
    private Future<ResellerOrder> finalize(ResellerOrder o, Order ra) {
        return move(o, ResellerOrderStatus.PROCESSING, null, null, null).compose(claimed -> {
            if (claimed.status() != ResellerOrderStatus.PROCESSING) {
                return Future.succeededFuture(claimed);
            }
            return this.ra.finalizeOrder(ra.accountId(), ra.id(), o.csrDer())
                    .map(claimed)
                    .recover(e -> {
                        if (e instanceof CaException ce && ce.kind() == ErrorKind.ORDER_NOT_READY) {
                            return Future.succeededFuture(claimed); // someone finalized it first: follow it next time
                        }
                        return move(claimed, ResellerOrderStatus.INVALID, null, null, CaException.problemOf(e));
                    });
        });
    }

    private Future<ResellerOrder> issued(ResellerOrder o, Order ra) {
        return readers.certificates().bySerial(ra.certificateSerial()).compose(found -> {
            CertificateRecord c = found.orElseThrow(() -> new IllegalStateException(
                    "certificate " + ra.certificateSerial() + " of order " + ra.id() + " is missing"));
            return move(o, ResellerOrderStatus.ISSUED, c.serial(), c.notAfter(), null).compose(issued -> {
                if (issued.status() == ResellerOrderStatus.ISSUED && o.status() != ResellerOrderStatus.ISSUED) {
                    notices.issued(issued, c);
                }
                return Future.succeededFuture(issued);
            });
        });
    }

    /** The certificate was revoked, through the API or any other channel (ACME, staff): record it on its order. */
    Future<Void> revoked(CertificateRecord c) {
        return orders.byCertificateSerial(c.serial()).compose(found -> {
            if (found.isEmpty() || found.get().status() != ResellerOrderStatus.ISSUED) {
                return Future.<Void>succeededFuture();
            }
            return transition(found.get(), ResellerOrderStatus.REVOKED, null, null, null).compose(moved -> {
                moved.ifPresent(r -> notices.revoked(r, c));
                return Future.<Void>succeededFuture();
            });
        });
    }

    /** The RA issued a certificate: follow its order at once rather than at the next sweep. */
    void issued(CertificateRecord c) {
        if (c.orderId() == null) {
            return;
        }
        orders.byRaOrderId(c.orderId()).onSuccess(found -> found.ifPresent(this::follow));
    }

    /** PENDING to CANCELLED, unless the order moved on first (then 409 with what it is now). */
    Future<ResellerOrder> cancel(ResellerOrder o) {
        return transition(o, ResellerOrderStatus.CANCELLED, null, null, null).compose(moved -> moved.isPresent()
                ? Future.succeededFuture(moved.get())
                : orders.byId(o.id()).map(now -> {
                    throw ApiProblem.conflict("order " + o.id() + " became "
                            + now.map(n -> n.status().wire()).orElse("unknown") + " meanwhile; it can no longer be cancelled");
                }));
    }

    /** The order after the change, or as it is now when another change came first. */
    private Future<ResellerOrder> move(ResellerOrder o, ResellerOrderStatus to, String serial, java.time.Instant notAfter,
            Problem error) {
        return transition(o, to, serial, notAfter, error).compose(moved -> moved.isPresent()
                ? Future.succeededFuture(moved.get())
                : orders.byId(o.id()).map(now -> now.orElse(o)));
    }

    private Future<Optional<ResellerOrder>> transition(ResellerOrder o, ResellerOrderStatus to, String serial,
            java.time.Instant notAfter, Problem error) {
        return orders.transition(o.id(), o.status(), to, serial, notAfter, error, clock.instant()).compose(moved -> {
            if (moved.isEmpty()) {
                return Future.succeededFuture(moved);
            }
            return events.changed(moved.get()).map(moved);
        });
    }

    private static Problem errorOf(Order ra) {
        return ra.error() != null ? ra.error()
                : Problem.of(ErrorKind.SERVER_INTERNAL, "the order failed; place it again");
    }
}
