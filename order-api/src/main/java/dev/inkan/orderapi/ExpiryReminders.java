package dev.inkan.orderapi;

import dev.inkan.core.port.CertificateReader;
import dev.inkan.core.port.ResellerOrderStore;
import dev.inkan.core.reseller.ResellerOrder;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * CP 002 §4.3.2 / §4.6: one reminder per issued certificate before it expires, to the reseller and (when asked) the
 * subscriber. It goes out {@code lead} before notAfter, or a third of the lifetime before for certificates shorter
 * than three leads, so that a short-lived certificate is not reminded of at issuance.
 */
final class ExpiryReminders {
    private static final Logger LOG = LoggerFactory.getLogger(ExpiryReminders.class);
    private static final int BATCH = 200;

    private final Vertx vertx;
    private final ResellerOrderStore orders;
    private final CertificateReader certificates;
    private final ResellerNotices notices;
    private final Duration lead;
    private final Clock clock;
    private long timer = -1;

    ExpiryReminders(Vertx vertx, ResellerOrderStore orders, CertificateReader certificates, ResellerNotices notices,
            Duration lead, Clock clock) {
        this.vertx = vertx;
        this.orders = orders;
        this.certificates = certificates;
        this.notices = notices;
        this.lead = lead;
        this.clock = clock;
    }

    void start(Duration every) {
        timer = vertx.setPeriodic(every.toMillis(), id -> run()
                .onFailure(e -> LOG.warn("expiry reminders failed: {}", e.toString())));
    }

    void stop() {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    /** Sends the reminders due now; how many went out. */
    Future<Integer> run() {
        Instant now = clock.instant();
        return orders.unremindedExpiringBefore(now.plus(lead), BATCH)
                .compose(due -> Future.all(due.stream().map(o -> remind(o, now)).toList())
                        .map(all -> (int) all.<Boolean>list().stream().filter(Boolean::booleanValue).count()));
    }

    private Future<Boolean> remind(ResellerOrder o, Instant now) {
        return certificates.bySerial(o.certificateSerial()).compose(found -> {
            if (found.isEmpty()) {
                return Future.succeededFuture(false);
            }
            var c = found.get();
            Duration lifetime = Duration.between(c.notBefore(), c.notAfter());
            Duration before = lead.compareTo(lifetime.dividedBy(3)) < 0 ? lead : lifetime.dividedBy(3);
            if (now.isBefore(c.notAfter().minus(before))) {
                return Future.succeededFuture(false);
            }
            return orders.markReminded(o.id(), now).compose(marked -> marked.isEmpty()
                    ? Future.succeededFuture(false)
                    : notices.expiring(marked.get(), c).map(true));
        });
    }
}
