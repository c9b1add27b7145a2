package dev.inkan.storage;

import dev.inkan.core.model.Account;
import dev.inkan.core.model.AccountStatus;
import dev.inkan.core.port.AccountStore;
import io.vertx.core.Future;
import java.util.List;
import java.util.Optional;

/**
 * Accounts read at most once per request. One signed ACME request used to read its account two to four times: the
 * JWS check (RFC 8555 §6.2), the RA's check that the account may act (§7.3.6), and the operation itself. The account
 * read first is remembered on the request's own Vert.x context (every HTTP request runs on a context of its own, a
 * duplicate of its event loop's), so the memory ends with the request and is shared with nothing else: the next
 * request, on this front end or another, reads the account again and sees any deactivation or key change made
 * meanwhile, exactly as before. A write through this store forgets the account first, so the request that changed
 * it reads the change. Outside a request (timers, the issuance queue) every read goes to the store.
 */
final class RequestAccounts implements AccountStore {
    private final AccountStore store;

    RequestAccounts(AccountStore store) {
        this.store = store;
    }

    /** The key an account is remembered under on a request's context. */
    private record Remembered(String accountId) {}

    @Override
    public Future<Optional<Account>> byId(String id) {
        return RequestMemory.read(new Remembered(id), Account.class, () -> store.byId(id));
    }

    @Override
    public Future<Optional<Account>> byThumbprint(String keyThumbprint) {
        return store.byThumbprint(keyThumbprint);
    }

    @Override
    public Future<Account> insert(Account account) {
        return store.insert(account);
    }

    @Override
    public Future<Optional<Account>> updateContacts(String id, List<String> contacts) {
        forget(id);
        return store.updateContacts(id, contacts);
    }

    @Override
    public Future<Optional<Account>> transition(String id, AccountStatus from, AccountStatus to) {
        forget(id);
        return store.transition(id, from, to);
    }

    @Override
    public Future<Optional<Account>> changeKey(String id, String oldThumbprint, String newJwk, String newThumbprint) {
        forget(id);
        return store.changeKey(id, oldThumbprint, newJwk, newThumbprint);
    }

    private static void forget(String id) {
        RequestMemory.forget(new Remembered(id));
    }
}
