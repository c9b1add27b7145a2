package dev.inkan.acme;

import dev.inkan.core.model.Account;
import dev.inkan.core.model.Authorization;
import dev.inkan.core.model.CaCertificate;
import dev.inkan.core.model.CertificateRecord;
import dev.inkan.core.model.Order;
import dev.inkan.core.port.AccountReader;
import dev.inkan.core.port.AuthorizationReader;
import dev.inkan.core.port.CaCertificateReader;
import dev.inkan.core.port.CertificateReader;
import dev.inkan.core.port.OrderReader;
import io.vertx.core.Future;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;

/** Accounts, orders, authorizations and certificates in maps, with the read-only views the server takes. */
public final class InMemoryAcmeData {
    public final Map<String, Account> accounts = new ConcurrentSkipListMap<>();
    public final Map<String, Order> orders = new ConcurrentSkipListMap<>();
    public final Map<String, Authorization> authorizations = new ConcurrentSkipListMap<>();
    public final Map<String, CertificateRecord> certificates = new ConcurrentSkipListMap<>();
    public final Map<String, CaCertificate> caCertificates = new ConcurrentSkipListMap<>();
    /** EAB keys issued on approval of an organization's vetting, by key id. */
    public final Map<String, dev.inkan.core.vetting.ExternalAccountKey> issuedKeys = new ConcurrentSkipListMap<>();

    public AcmeReaders readers() {
        return new AcmeReaders(accountReader(), orderReader(), authorizationReader(), certificateReader(),
                caCertificateReader(), kid -> io.vertx.core.Future.succeededFuture(
                        java.util.Optional.ofNullable(issuedKeys.get(kid))));
    }

    public void put(Account a) {
        accounts.put(a.id(), a);
    }

    public void put(Order o) {
        orders.put(o.id(), o);
    }

    public void put(Authorization a) {
        authorizations.put(a.id(), a);
    }

    public void put(CertificateRecord c) {
        certificates.put(c.serial(), c);
    }

    public void put(CaCertificate c) {
        caCertificates.put(c.id(), c);
    }

    public Optional<Account> accountByThumbprint(String thumbprint) {
        return accounts.values().stream().filter(a -> a.keyThumbprint().equals(thumbprint)).findFirst();
    }

    private AccountReader accountReader() {
        return new AccountReader() {
            @Override
            public Future<Optional<Account>> byId(String id) {
                return Future.succeededFuture(Optional.ofNullable(accounts.get(id)));
            }

            @Override
            public Future<Optional<Account>> byThumbprint(String keyThumbprint) {
                return Future.succeededFuture(accountByThumbprint(keyThumbprint));
            }
        };
    }

    private OrderReader orderReader() {
        return new OrderReader() {
            @Override
            public Future<Optional<Order>> byId(String id) {
                return Future.succeededFuture(Optional.ofNullable(orders.get(id)));
            }

            @Override
            public Future<List<Order>> byAccount(String accountId, String afterId, int limit) {
                return Future.succeededFuture(orders.values().stream()
                        .filter(o -> o.accountId().equals(accountId))
                        .filter(o -> afterId == null || o.id().compareTo(afterId) > 0)
                        .limit(limit)
                        .toList());
            }
        };
    }

    private AuthorizationReader authorizationReader() {
        return new AuthorizationReader() {
            @Override
            public Future<Optional<Authorization>> byId(String id) {
                return Future.succeededFuture(Optional.ofNullable(authorizations.get(id)));
            }

            @Override
            public Future<List<Authorization>> byIds(List<String> ids) {
                return Future.succeededFuture(ids.stream().map(authorizations::get).filter(Objects::nonNull).toList());
            }
        };
    }

    private CertificateReader certificateReader() {
        return serial -> Future.succeededFuture(Optional.ofNullable(certificates.get(serial)));
    }

    private CaCertificateReader caCertificateReader() {
        return new CaCertificateReader() {
            @Override
            public Future<Optional<CaCertificate>> byId(String id) {
                return Future.succeededFuture(Optional.ofNullable(caCertificates.get(id)));
            }

            @Override
            public Future<List<CaCertificate>> all() {
                return Future.succeededFuture(List.copyOf(caCertificates.values()));
            }
        };
    }
}
