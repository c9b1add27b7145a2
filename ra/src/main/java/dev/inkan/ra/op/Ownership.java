package dev.inkan.ra.op;

import dev.inkan.core.error.CaException;
import dev.inkan.core.error.ErrorKind;
import dev.inkan.core.model.Account;
import dev.inkan.core.model.AccountStatus;
import dev.inkan.core.model.Authorization;
import dev.inkan.core.model.Order;
import io.vertx.core.Future;

/**
 * Loads the objects a request names and checks they belong to its account. An object of another account
 * is reported exactly like a missing one ({@code NOT_FOUND}), so ids cannot be probed.
 */
public final class Ownership {
    private final OperationContext ctx;

    public Ownership(OperationContext ctx) {
        this.ctx = ctx;
    }

    /** RFC 8555 §7.3.6: a deactivated or revoked account may not act any more. */
    public Future<Account> validAccount(String accountId) {
        return ctx.accounts().byId(accountId).map(found -> {
            Account account = found.orElseThrow(() ->
                    new CaException(ErrorKind.ACCOUNT_DOES_NOT_EXIST, "no account " + accountId));
            if (account.status() != AccountStatus.VALID) {
                throw new CaException(ErrorKind.UNAUTHORIZED, "the account is " + account.status().wire());
            }
            return account;
        });
    }

    public Future<Order> order(String accountId, String orderId) {
        return ctx.orders().byId(orderId).map(found -> found
                .filter(o -> o.accountId().equals(accountId))
                .orElseThrow(() -> new CaException(ErrorKind.NOT_FOUND, "no order " + orderId)));
    }

    public Future<Authorization> authorization(String accountId, String authorizationId) {
        return ctx.authorizations().byId(authorizationId).map(found -> found
                .filter(a -> a.accountId().equals(accountId))
                .orElseThrow(() -> new CaException(ErrorKind.NOT_FOUND, "no authorization " + authorizationId)));
    }
}
