package dev.inkan.orderapi;

import dev.inkan.core.model.Identifier;
import dev.inkan.core.port.RegistrationAuthority;
import dev.inkan.core.port.RegistrationAuthority.NewOrderRequest;
import dev.inkan.core.port.ResellerOrderStore;
import dev.inkan.core.port.ResellerStore;
import dev.inkan.core.reseller.Customer;
import dev.inkan.core.reseller.Reseller;
import dev.inkan.core.reseller.ResellerOrder;
import dev.inkan.core.reseller.ResellerOrderStatus;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

/**
 * Places an order (a new one or a reissue): the quotas, the CSR checked by the RA now rather than after validation,
 * the RA order (newOrder, as ACME places it), then the API's record and its first event. Every refusal comes before
 * anything is written, except that a counted order stays counted.
 */
final class OrderPlacement {
    private final RegistrationAuthority ra;
    private final ResellerStore resellers;
    private final ResellerOrderStore orders;
    private final OrderEvents events;
    private final OrderSync sync;
    private final Clock clock;

    OrderPlacement(RegistrationAuthority ra, ResellerStore resellers, ResellerOrderStore orders, OrderEvents events,
            OrderSync sync, Clock clock) {
        this.ra = ra;
        this.resellers = resellers;
        this.orders = orders;
        this.events = events;
        this.sync = sync;
        this.clock = clock;
    }

    /** @param names lowercased, sorted, without duplicates; @param methods one per name */
    record Request(Reseller reseller, Customer customer, List<String> names, Map<String, String> methods,
            String profile, byte[] csr, String reissueOf) {}

    Future<ResellerOrder> place(Request r) {
        if (r.names().size() > r.reseller().namesPerOrder()) {
            // The quota is the reseller's contract, not a rate; the next UTC day does not lift it, but the API
            // answers every quota alike (429) so that clients handle one thing.
            throw ApiProblem.quota("namesPerOrder", "an order may hold at most " + r.reseller().namesPerOrder()
                    + " names under this reseller's quota; this one has " + r.names().size()
                    + ". Split the names across orders, or ask the CA to raise the quota", secondsToNextDay());
        }
        List<Identifier> identifiers = r.names().stream().map(Identifier::dns).toList();
        return ra.checkCertificateRequest(identifiers, r.csr())
                .compose(spki -> count(r.reseller()))
                .compose(v -> ra.newOrder(new NewOrderRequest(r.customer().accountId(), identifiers, null, null,
                        r.profile())))
                .compose(raOrder -> orders.byRaOrderId(raOrder.id()).compose(taken -> {
                    if (taken.isPresent()) {
                        throw ApiProblem.conflict("order " + taken.get().id() + " for the same names and profile is "
                                + taken.get().status().wire() + "; use it or cancel it first");
                    }
                    Instant now = clock.instant();
                    return orders.insert(new ResellerOrder(Ids.next("ord_", now), r.reseller().id(),
                            r.customer().id(), ResellerOrderStatus.PENDING, r.names(), r.methods(), r.profile(),
                            r.csr(), raOrder.id(), r.reissueOf(), null, null, null, now, now, null));
                }))
                .compose(o -> events.record(o, "order.created").compose(v -> sync.follow(o)));
    }

    private Future<Void> count(Reseller reseller) {
        String day = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).toString();
        return resellers.countOrder(reseller.id(), day, reseller.ordersPerDay()).map(counted -> {
            if (!counted) {
                throw ApiProblem.quota("ordersPerDay", "this reseller may place " + reseller.ordersPerDay()
                        + " orders per UTC day and has placed them all today", secondsToNextDay());
            }
            return null;
        });
    }

    private long secondsToNextDay() {
        Instant now = clock.instant();
        Instant midnight = LocalDate.ofInstant(now, ZoneOffset.UTC).plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        return Math.max(1, Duration.between(now, midnight).toSeconds());
    }
}
