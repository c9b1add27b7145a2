package dev.inkan.ra.op;

import dev.inkan.core.error.CaException;
import dev.inkan.core.error.ErrorKind;
import dev.inkan.core.model.Account;
import dev.inkan.ra.policy.ContactPolicy;
import io.vertx.core.Future;
import java.util.List;
import java.util.Map;

/** RFC 8555 §7.3.2: replace an account's contacts. */
public final class UpdateAccountOperation {
    private final OperationContext ctx;
    private final Ownership ownership;
    private final ContactPolicy contacts;

    public UpdateAccountOperation(OperationContext ctx, Ownership ownership, ContactPolicy contacts) {
        this.ctx = ctx;
        this.ownership = ownership;
        this.contacts = contacts;
    }

    /** @param newContacts null leaves the account unchanged (a plain POST-as-GET style update) */
    public Future<Account> run(String accountId, List<String> newContacts) {
        return ownership.validAccount(accountId).compose(account -> {
            if (newContacts == null) {
                return Future.succeededFuture(account);
            }
            List<String> checked = contacts.check(newContacts);
            return ctx.accounts().updateContacts(accountId, checked).compose(updated -> {
                Account result = updated.orElseThrow(() ->
                        new CaException(ErrorKind.UNAUTHORIZED, "the account is no longer valid"));
                return ctx.audit().record("account.updated", AuditTrail.account(accountId), accountId,
                        Map.of("contacts", String.valueOf(checked.size()))).map(result);
            });
        });
    }
}
