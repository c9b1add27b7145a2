package dev.inkan.orderapi;

import dev.inkan.core.model.AuthorizationStatus;
import dev.inkan.core.model.Identifier;
import dev.inkan.core.model.Order;
import dev.inkan.core.port.RegistrationAuthority.DomainValidationRequest;
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
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(OrderPlacement.class);

    private final RegistrationAuthority ra;
    private final OrderApiReaders readers;
    private final ResellerStore resellers;
    private final ResellerOrderStore orders;
    private final OrderEvents events;
    private final OrderSync sync;
    private final Clock clock;

    OrderPlacement(RegistrationAuthority ra, OrderApiReaders readers, ResellerStore resellers, ResellerOrderStore orders,
            OrderEvents events, OrderSync sync, Clock clock) {
        this.ra = ra;
        this.readers = readers;
        this.resellers = resellers;
        this.orders = orders;
        this.events = events;
        this.sync = sync;
        this.clock = clock;
    }

    /**
     * @param names   lowercased, sorted, without duplicates
     * @param methods one per name
     * @param emails  the constructed address of each name validated by email
     */
    record Request(Reseller reseller, Customer customer, List<String> names, Map<String, String> methods,
            Map<String, String> emails, String profile, byte[] csr, String reissueOf) {}

    Future<ResellerOrder> place(Request r) {
        if (r.names().size() > r.reseller().namesPerOrder()) {
            // The quota is the reseller's contract, not a rate; the next UTC day does not lift it, but the API
            // answers every quota alike (429) so that clients handle one thing.
            throw ApiProblem.quota("namesPerOrder", "an order may hold at most " + r.reseller().namesPerOrder()
                    + " names under this reseller's quota; this one has " + r.names().size()
                    + ". Split the names across orders, or ask the CA to raise the quota", secondsToNextDay());
        }
        List<Identifier> identifiers = r.names().stream().map(Identifier::dns).toList();
        if (r.reissueOf() == null) {
            // a reissue reuses the validations of the order it reissues: nothing is started for it
            r.names().forEach(name -> requireAvailable(ra, name, r.methods().get(name), r.emails().get(name)));
        }
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
                .compose(o -> startOutsideAcme(o, r).compose(v -> events.record(o, "order.created"))
                        .compose(v -> sync.follow(o)));
    }

    /**
     * A method outside ACME must be one the RA allows for the name now (BR 3.2.2.4.4: no email from 2028-03-15) and,
     * for email, one of the name's constructed addresses; checked before anything is written.
     */
    static void requireAvailable(RegistrationAuthority ra, String name, String method, String email) {
        if (!Methods.outsideAcme(method)) {
            return;
        }
        Identifier base = Identifier.dns(Identifier.dns(name).baseName());
        if (!ra.domainValidationMethods(base).contains(Methods.raType(method))) {
            throw ApiProblem.unprocessable("methodUnavailable", method + " validation is not available for " + name
                    + " now; choose another method");
        }
        if (method.equals(Methods.EMAIL)) {
            List<String> addresses = ra.constructedAddresses(base);
            if (email == null || !addresses.contains(email)) {
                throw ApiProblem.unprocessable("validationMismatch", "email validation of " + name
                        + " writes to one of " + addresses + ", not " + email + " (BR 3.2.2.4.4)");
            }
        }
    }

    /**
     * Starts the email and file validations (the email goes out now). A name whose authorization the RA reused, valid
     * already, needs none. A start that fails leaves the name pending: resend or switch starts it again.
     */
    private Future<Void> startOutsideAcme(ResellerOrder o, Request r) {
        return readers.orders().byId(o.raOrderId()).compose(found -> {
            Order raOrder = found.orElseThrow();
            List<Future<Void>> started = new java.util.ArrayList<>();
            for (int i = 0; i < raOrder.identifiers().size(); i++) {
                String name = raOrder.identifiers().get(i).value();
                String method = r.methods().get(name);
                if (method != null && Methods.outsideAcme(method)) {
                    String authorizationId = raOrder.authorizationIds().get(i);
                    started.add(readers.authorizations().byId(authorizationId).compose(a -> a.isPresent()
                                    && a.get().status() == AuthorizationStatus.PENDING
                            ? ra.startDomainValidation(new DomainValidationRequest(raOrder.accountId(), authorizationId,
                                    Methods.raType(method), r.emails().get(name), null)).<Void>mapEmpty()
                            : Future.<Void>succeededFuture())
                            .recover(e -> {
                                LOG.warn("{} validation of {} in order {} not started: {}", method, name, o.id(),
                                        e.toString());
                                return Future.succeededFuture();
                            }));
                }
            }
            return Future.join(started).mapEmpty();
        });
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
