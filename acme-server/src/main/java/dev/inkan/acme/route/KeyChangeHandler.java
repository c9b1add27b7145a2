package dev.inkan.acme.route;

import dev.inkan.acme.jws.AccountKey;
import dev.inkan.acme.jws.KeyRollover;
import dev.inkan.acme.jws.SignedRequest;
import dev.inkan.acme.problem.Problems;
import dev.inkan.core.port.AccountReader;
import dev.inkan.core.port.RegistrationAuthority;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;

/** POST /acme/key-change (RFC 8555 §7.3.5): the outer JWS by the old key (kid), the inner by the new key (jwk). */
final class KeyChangeHandler implements SignedHandler {
    private final RegistrationAuthority ra;
    private final AccountReader accounts;
    private final KeyRollover rollover;
    private final Representations show;

    KeyChangeHandler(RegistrationAuthority ra, AccountReader accounts, KeyRollover rollover, Representations show) {
        this.ra = ra;
        this.accounts = accounts;
        this.rollover = rollover;
        this.show = show;
    }

    @Override
    public Future<Reply> handle(RoutingContext ctx, SignedRequest request) {
        AccountKey newKey = rollover.newKey(request);
        String accountId = request.account().id();
        return accounts.byThumbprint(newKey.thumbprint())
                .compose(owner -> {
                    // RFC 8555 §7.3.5: a key of another account is 409 with that account's URL
                    if (owner.isPresent()) {
                        throw Problems.keyInUse(show.urls().account(owner.get().id()));
                    }
                    return ra.changeKey(accountId, newKey.json(), newKey.thumbprint());
                })
                .map(account -> show.account(200, account));
    }
}
