package dev.inkan.ra.op;

import dev.inkan.core.error.CaException;
import dev.inkan.core.error.ErrorKind;
import dev.inkan.core.model.Account;
import dev.inkan.core.port.SubscriberKeyPolicy;
import io.vertx.core.Future;
import java.util.Map;

/**
 * RFC 8555 §7.3.5 key rollover. A new key that another account holds is {@code CONFLICT}; the front end
 * answers 409 and can find that account by the thumbprint for the Location header.
 */
public final class ChangeKeyOperation {
    private final OperationContext ctx;
    private final Ownership ownership;
    private final StatusLink status;
    private final SubscriberKeyPolicy keys;

    public ChangeKeyOperation(OperationContext ctx, Ownership ownership, StatusLink status, SubscriberKeyPolicy keys) {
        this.ctx = ctx;
        this.ownership = ownership;
        this.status = status;
        this.keys = keys;
    }

    public Future<Account> run(String accountId, String newKeyJwk, String newThumbprint) {
        return ownership.validAccount(accountId).compose(account -> {
            if (account.keyThumbprint().equals(newThumbprint)) {
                throw new CaException(ErrorKind.MALFORMED, "the new key is the account's current key");
            }
            return NewAccountOperation.acceptable(status, keys, newKeyJwk)
                    .compose(v -> ctx.accounts().byThumbprint(newThumbprint)).compose(holder -> {
                if (holder.isPresent()) {
                    throw new CaException(ErrorKind.CONFLICT, "the new key is already the key of another account");
                }
                return swap(account, newKeyJwk, newThumbprint);
            });
        });
    }

    private Future<Account> swap(Account account, String newKeyJwk, String newThumbprint) {
        // A CONFLICT from the store's unique key index (a concurrent rollover to the same key) passes through.
        return ctx.accounts().changeKey(account.id(), account.keyThumbprint(), newKeyJwk, newThumbprint)
                .compose(changed -> {
                    Account updated = changed.orElseThrow(() -> new CaException(ErrorKind.CONFLICT,
                            "the account's key or status changed while rolling over; retry"));
                    return ctx.audit().record("account.key-changed", AuditTrail.account(account.id()), account.id(),
                            Map.of("oldKeyThumbprint", account.keyThumbprint(), "newKeyThumbprint", newThumbprint))
                            .map(updated);
                });
    }
}
