package dev.inkan.acme.route;

import dev.inkan.acme.AcmeServerConfig;
import dev.inkan.acme.jws.ExternalAccountBinding;
import dev.inkan.acme.jws.SignedRequest;
import dev.inkan.acme.problem.Problems;
import dev.inkan.acme.wire.NewAccountPayload;
import dev.inkan.core.model.Account;
import dev.inkan.core.model.AccountStatus;
import dev.inkan.core.port.AccountReader;
import dev.inkan.core.port.RegistrationAuthority;
import dev.inkan.core.port.RegistrationAuthority.NewAccountRequest;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;

/**
 * POST /acme/new-account (RFC 8555 §7.3). A key that already has an account gets that account (200) without
 * any of the creation requirements; a new key must agree to the terms when we publish some and, when EAB is
 * required, carry a valid external account binding (§7.3.4).
 */
final class NewAccountHandler implements SignedHandler {
    private final RegistrationAuthority ra;
    private final AccountReader accounts;
    private final Representations show;
    private final ExternalAccountBinding eab;
    private final AcmeServerConfig config;

    NewAccountHandler(RegistrationAuthority ra, AccountReader accounts, Representations show,
            ExternalAccountBinding eab, AcmeServerConfig config) {
        this.ra = ra;
        this.accounts = accounts;
        this.show = show;
        this.eab = eab;
        this.config = config;
    }

    @Override
    public Future<Reply> handle(RoutingContext ctx, SignedRequest request) {
        NewAccountPayload payload = NewAccountPayload.parse(request.payloadJson());
        if (payload.onlyReturnExisting()) {
            // RFC 8555 §7.3.1: the RA answers accountDoesNotExist when there is none
            return ra.newAccount(newAccountRequest(ctx, request, payload, null)).map(r -> existing(r.account()));
        }
        return accounts.byThumbprint(request.key().thumbprint())
                .compose(found -> found.isPresent()
                        ? Future.succeededFuture(existing(found.get()))
                        : create(ctx, request, payload));
    }

    private Future<Reply> create(RoutingContext ctx, SignedRequest request, NewAccountPayload payload) {
        if (config.termsOfService() != null && !payload.termsOfServiceAgreed()) {
            throw Problems.malformed("agree to the terms of service at " + config.termsOfService()
                    + " (\"termsOfServiceAgreed\": true)");
        }
        return externalAccountKeyId(request, payload)
                .compose(eabKeyId -> ra.newAccount(newAccountRequest(ctx, request, payload, eabKeyId)))
                .map(result -> result.created() ? show.account(201, result.account()) : existing(result.account()));
    }

    private Future<String> externalAccountKeyId(SignedRequest request, NewAccountPayload payload) {
        if (payload.externalAccountBinding() == null) {
            if (config.externalAccountRequired()) {
                throw Problems.externalAccountRequired(
                        "this CA requires an external account binding (RFC 8555 §7.3.4); get a key id and MAC key "
                                + "from your reseller or account page");
            }
            return Future.succeededFuture(null);
        }
        return eab.verify(payload.externalAccountBinding(), request.url(), request.key());
    }

    // RFC 8555 §7.3.6: a deactivated account's key is refused, even here
    private Reply existing(Account account) {
        if (account.status() != AccountStatus.VALID) {
            throw Problems.unauthorized("the account for this key is " + account.status().wire());
        }
        return show.account(200, account);
    }

    private static NewAccountRequest newAccountRequest(RoutingContext ctx, SignedRequest request,
            NewAccountPayload payload, String eabKeyId) {
        var from = ctx.request().remoteAddress();
        return new NewAccountRequest(
                request.key().json(),
                request.key().thumbprint(),
                payload.contactsOrEmpty(),
                payload.termsOfServiceAgreed(),
                payload.onlyReturnExisting(),
                eabKeyId,
                from == null ? null : from.hostAddress());
    }
}
