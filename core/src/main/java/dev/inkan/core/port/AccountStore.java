package dev.inkan.core.port;

import dev.inkan.core.model.Account;
import dev.inkan.core.model.AccountStatus;
import io.vertx.core.Future;
import java.util.List;
import java.util.Optional;

/**
 * Accounts. Every update is conditional on the state the caller expects and yields empty when that
 * state no longer holds. Key thumbprints are unique: a duplicate fails with {@code CaException(CONFLICT)}.
 */
public interface AccountStore extends AccountReader {
    Future<Account> insert(Account account);

    /** Replace the contacts of a VALID account. */
    Future<Optional<Account>> updateContacts(String id, List<String> contacts);

    Future<Optional<Account>> transition(String id, AccountStatus from, AccountStatus to);

    /** RFC 8555 §7.3.5: swap the key of a VALID account whose key is still {@code oldThumbprint}. */
    Future<Optional<Account>> changeKey(String id, String oldThumbprint, String newJwk, String newThumbprint);
}
