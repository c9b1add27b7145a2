package dev.inkan.acme.route;

import dev.inkan.acme.jws.SignedRequest;
import dev.inkan.acme.wire.AccountUpdatePayload;
import dev.inkan.core.model.Account;
import dev.inkan.core.port.RegistrationAuthority;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;

/** POST /acme/acct/:id: POST-as-GET, contact update (RFC 8555 §7.3.2) or deactivation (§7.3.6). */
final class AccountHandler implements SignedHandler {
    private final RegistrationAuthority ra;
    private final Representations show;

    AccountHandler(RegistrationAuthority ra, Representations show) {
        this.ra = ra;
        this.show = show;
    }

    @Override
    public Future<Reply> handle(RoutingContext ctx, SignedRequest request) {
        String accountId = ctx.pathParam("id");
        Ownership.requireSelf(accountId, request);
        if (request.isPostAsGet()) {
            return Future.succeededFuture(show.account(200, request.account()));
        }
        AccountUpdatePayload update = AccountUpdatePayload.parse(request.payloadJson());
        Future<Account> changed;
        if (update.deactivate()) {
            changed = ra.deactivateAccount(accountId);
        } else if (update.contact() != null) {
            changed = ra.updateAccount(accountId, update.contact());
        } else {
            changed = Future.succeededFuture(request.account());
        }
        return changed.map(account -> show.account(200, account));
    }
}
