package dev.inkan.core.port;

import dev.inkan.core.model.Account;
import io.vertx.core.Future;
import java.util.Optional;

/** Read-only view of accounts, for the front ends. */
public interface AccountReader {
    Future<Optional<Account>> byId(String id);

    /** The account whose key has this RFC 7638 thumbprint, whatever its status. */
    Future<Optional<Account>> byThumbprint(String keyThumbprint);
}
