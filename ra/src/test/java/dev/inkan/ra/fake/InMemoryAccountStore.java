package dev.inkan.ra.fake;

import dev.inkan.core.error.CaException;
import dev.inkan.core.error.ErrorKind;
import dev.inkan.core.model.Account;
import dev.inkan.core.model.AccountStatus;
import dev.inkan.core.port.AccountStore;
import io.vertx.core.Future;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Accounts in a map, with the unique key-thumbprint rule of the real store. */
public class InMemoryAccountStore implements AccountStore {
    protected final Map<String, Account> accounts = new LinkedHashMap<>();

    @Override
    public synchronized Future<Optional<Account>> byId(String id) {
        return Future.succeededFuture(Optional.ofNullable(accounts.get(id)));
    }

    @Override
    public synchronized Future<Optional<Account>> byThumbprint(String keyThumbprint) {
        return Future.succeededFuture(find(keyThumbprint));
    }

    protected synchronized Optional<Account> find(String keyThumbprint) {
        return accounts.values().stream().filter(a -> a.keyThumbprint().equals(keyThumbprint)).findFirst();
    }

    @Override
    public synchronized Future<Account> insert(Account account) {
        if (find(account.keyThumbprint()).isPresent()) {
            return Future.failedFuture(new CaException(ErrorKind.CONFLICT, "duplicate key"));
        }
        accounts.put(account.id(), account);
        return Future.succeededFuture(account);
    }

    @Override
    public synchronized Future<Optional<Account>> updateContacts(String id, List<String> contacts) {
        return update(id, a -> a.status() == AccountStatus.VALID, a -> a.withContacts(contacts));
    }

    @Override
    public synchronized Future<Optional<Account>> transition(String id, AccountStatus from, AccountStatus to) {
        return update(id, a -> a.status() == from, a -> a.withStatus(to));
    }

    @Override
    public synchronized Future<Optional<Account>> changeKey(
            String id, String oldThumbprint, String newJwk, String newThumbprint) {
        if (find(newThumbprint).isPresent()) {
            return Future.failedFuture(new CaException(ErrorKind.CONFLICT, "duplicate key"));
        }
        return update(id, a -> a.status() == AccountStatus.VALID && a.keyThumbprint().equals(oldThumbprint),
                a -> a.withKey(newJwk, newThumbprint));
    }

    private Future<Optional<Account>> update(
            String id, java.util.function.Predicate<Account> expected, java.util.function.UnaryOperator<Account> change) {
        Account a = accounts.get(id);
        if (a == null || !expected.test(a)) {
            return Future.succeededFuture(Optional.empty());
        }
        Account changed = change.apply(a);
        accounts.put(id, changed);
        return Future.succeededFuture(Optional.of(changed));
    }
}
