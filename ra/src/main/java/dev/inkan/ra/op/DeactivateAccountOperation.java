package dev.inkan.ra.op;

import dev.inkan.core.error.CaException;
import dev.inkan.core.error.ErrorKind;
import dev.inkan.core.model.Account;
import dev.inkan.core.model.AccountStatus;
import io.vertx.core.Future;
import java.util.Map;

/**
 * RFC 8555 §7.3.6: VALID to DEACTIVATED, for good. The account's pending authorizations are left as they
 * are: nobody can use them, since every later request signed with this account's key is refused.
 */
public final class DeactivateAccountOperation {
    private final OperationContext ctx;

    public DeactivateAccountOperation(OperationContext ctx) {
        this.ctx = ctx;
    }

    public Future<Account> run(String accountId) {
        return ctx.accounts().transition(accountId, AccountStatus.VALID, AccountStatus.DEACTIVATED)
                .compose(changed -> changed.isPresent()
                        ? audited(changed.get())
                        : whyNot(accountId));
    }

    private Future<Account> audited(Account account) {
        return ctx.audit().record("account.deactivated", AuditTrail.account(account.id()), account.id(), Map.of())
                .map(account);
    }

    private Future<Account> whyNot(String accountId) {
        return ctx.accounts().byId(accountId).map(found -> {
            Account account = found.orElseThrow(() ->
                    new CaException(ErrorKind.ACCOUNT_DOES_NOT_EXIST, "no account " + accountId));
            throw new CaException(ErrorKind.UNAUTHORIZED, "the account is already " + account.status().wire());
        });
    }
}
