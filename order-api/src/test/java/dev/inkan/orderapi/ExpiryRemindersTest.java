package dev.inkan.orderapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.inkan.core.error.Problem;
import dev.inkan.core.model.CertificateRecord;
import dev.inkan.core.model.CertificateStatus;
import dev.inkan.core.port.CertificateReader;
import dev.inkan.core.port.CustomerStore;
import dev.inkan.core.port.ResellerOrderStore;
import dev.inkan.core.port.ResellerStore;
import dev.inkan.core.reseller.Customer;
import dev.inkan.core.reseller.Reseller;
import dev.inkan.core.reseller.ResellerOrder;
import dev.inkan.core.reseller.ResellerOrderStatus;
import dev.inkan.core.time.MutableClock;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** CP 002 §4.3.2 expiry reminders: once, at the lead before notAfter (a third of the lifetime for short certificates). */
@Timeout(30)
class ExpiryRemindersTest {
    private static final Instant ISSUED = Instant.parse("2026-12-01T00:00:00Z");
    private final Vertx vertx = Vertx.vertx();
    private final MutableClock clock = new MutableClock(ISSUED);
    private final Map<String, ResellerOrder> orders = new ConcurrentHashMap<>();
    private final Map<String, CertificateRecord> certificates = new ConcurrentHashMap<>();
    private final List<String> sent = new CopyOnWriteArrayList<>();

    @AfterEach
    void close() {
        vertx.close();
    }

    private ExpiryReminders reminders() {
        ResellerNotices notices = new ResellerNotices((to, subject, text) -> {
            sent.add(String.join(",", to) + " | " + subject);
            return Future.succeededFuture();
        }, resellers(), customers());
        return new ExpiryReminders(vertx, orderStore(), (CertificateReader) serial -> Future.succeededFuture(
                Optional.ofNullable(certificates.get(serial))), notices, Duration.ofDays(30), clock);
    }

    private void issued(String id, Duration lifetime) {
        String serial = "5e" + id;
        certificates.put(serial, new CertificateRecord(serial, "dv", "acct", "ra-" + id, CertificateStatus.ISSUED,
                new byte[] {1}, new byte[] {2}, List.of(id + ".example.jp"), "ab", ISSUED, ISSUED.plus(lifetime), ISSUED,
                null, null));
        orders.put(id, new ResellerOrder(id, "rsl", "cus", ResellerOrderStatus.ISSUED, List.of(id + ".example.jp"),
                Map.of(id + ".example.jp", "dns-01"), "dv", new byte[] {1}, "ra-" + id, null, serial,
                ISSUED.plus(lifetime), null, ISSUED, ISSUED, null));
    }

    private int run(ExpiryReminders r) throws Exception {
        return r.run().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void testRun_remindsOnce30DaysBeforeExpiryToTheResellerAndTheSubscriberWhoAskedForIt() throws Exception {
        issued("long", Duration.ofDays(90));
        ExpiryReminders r = reminders();
        clock.set(ISSUED.plus(Duration.ofDays(59)));
        assertEquals(0, run(r));
        clock.set(ISSUED.plus(Duration.ofDays(61)));
        assertEquals(1, run(r));
        assertEquals(0, run(r), "once only");
        assertEquals(List.of("reseller@example.com,subscriber@example.com | Certificate for long.example.jp expires on "
                + ISSUED.plus(Duration.ofDays(90))), sent);
        assertNotNull(orders.get("long").remindedAt());
    }

    @Test
    void testRun_aShortLivedCertificateIsRemindedAThirdOfItsLifetimeBeforeNotAtIssuance() throws Exception {
        issued("short", Duration.ofDays(6));
        ExpiryReminders r = reminders();
        clock.set(ISSUED.plus(Duration.ofDays(1)));
        assertEquals(0, run(r));
        assertNull(orders.get("short").remindedAt());
        clock.set(ISSUED.plus(Duration.ofDays(4)));
        assertEquals(1, run(r));
    }

    private ResellerOrderStore orderStore() {
        return new ResellerOrderStore() {
            @Override
            public Future<List<ResellerOrder>> unremindedExpiringBefore(Instant before, int limit) {
                return Future.succeededFuture(orders.values().stream().filter(o -> o.status() == ResellerOrderStatus.ISSUED
                        && o.remindedAt() == null && o.notAfter().isBefore(before)).toList());
            }

            @Override
            public Future<Optional<ResellerOrder>> markReminded(String id, Instant at) {
                ResellerOrder o = orders.get(id);
                if (o.remindedAt() != null) {
                    return Future.succeededFuture(Optional.empty());
                }
                ResellerOrder marked = new ResellerOrder(o.id(), o.resellerId(), o.customerId(), o.status(), o.names(),
                        o.methods(), o.profile(), o.csrDer(), o.raOrderId(), o.reissueOf(), o.certificateSerial(),
                        o.notAfter(), o.error(), o.createdAt(), o.updatedAt(), at);
                orders.put(id, marked);
                return Future.succeededFuture(Optional.of(marked));
            }

            @Override
            public Future<ResellerOrder> insert(ResellerOrder order) {
                throw new UnsupportedOperationException();
            }

            @Override
            public Future<Optional<ResellerOrder>> byId(String id) {
                return Future.succeededFuture(Optional.ofNullable(orders.get(id)));
            }

            @Override
            public Future<Optional<ResellerOrder>> byRaOrderId(String raOrderId) {
                throw new UnsupportedOperationException();
            }

            @Override
            public Future<Optional<ResellerOrder>> byCertificateSerial(String serial) {
                throw new UnsupportedOperationException();
            }

            @Override
            public Future<List<ResellerOrder>> byReseller(String resellerId, ResellerOrderStatus status, String name,
                    String beforeId, int limit) {
                throw new UnsupportedOperationException();
            }

            @Override
            public Future<List<ResellerOrder>> moving(int limit) {
                throw new UnsupportedOperationException();
            }

            @Override
            public Future<Optional<ResellerOrder>> transition(String id, ResellerOrderStatus from,
                    ResellerOrderStatus to, String serial, Instant notAfter, Problem error, Instant at) {
                throw new UnsupportedOperationException();
            }

            @Override
            public Future<Optional<ResellerOrder>> switchMethod(String id, String name, String method, Instant at) {
                throw new UnsupportedOperationException();
            }
        };
    }

    private static ResellerStore resellers() {
        Reseller r = new Reseller("rsl", "R", "reseller@example.com", 10, 10, null, null, true, ISSUED);
        return new OneResellerStore(() -> r);
    }

    private static CustomerStore customers() {
        Customer c = new Customer("cus", "rsl", "C", "subscriber@example.com", true, null, "acct", ISSUED);
        return new CustomerStore() {
            @Override
            public Future<Optional<Customer>> byId(String id) {
                return Future.succeededFuture(Optional.of(c));
            }

            @Override
            public Future<Customer> insert(Customer customer) {
                throw new UnsupportedOperationException();
            }

            @Override
            public Future<List<Customer>> byReseller(String resellerId, String beforeId, int limit) {
                throw new UnsupportedOperationException();
            }
        };
    }
}
