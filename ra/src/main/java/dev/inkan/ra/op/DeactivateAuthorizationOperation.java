package dev.inkan.ra.op;

import dev.inkan.core.error.CaException;
import dev.inkan.core.error.ErrorKind;
import dev.inkan.core.error.Problem;
import dev.inkan.core.model.Authorization;
import dev.inkan.core.model.AuthorizationStatus;
import io.vertx.core.Future;
import java.util.Map;

/**
 * RFC 8555 §7.5.2: a client gives up an authorization, PENDING or VALID to DEACTIVATED. Orders that hold it
 * can no longer be issued and become INVALID. Deactivating twice returns the deactivated authorization.
 */
public final class DeactivateAuthorizationOperation {
    private final OperationContext ctx;
    private final Ownership ownership;
    private final OrderProgress orders;

    public DeactivateAuthorizationOperation(OperationContext ctx, Ownership ownership, OrderProgress orders) {
        this.ctx = ctx;
        this.ownership = ownership;
        this.orders = orders;
    }

    public Future<Authorization> run(String accountId, String authorizationId) {
        return ownership.validAccount(accountId)
                .compose(account -> ownership.authorization(accountId, authorizationId))
                .compose(this::deactivate);
    }

    private Future<Authorization> deactivate(Authorization authz) {
        AuthorizationStatus from = authz.status();
        if (from == AuthorizationStatus.DEACTIVATED) {
            return Future.succeededFuture(authz);
        }
        if (from != AuthorizationStatus.PENDING && from != AuthorizationStatus.VALID) {
            throw new CaException(ErrorKind.MALFORMED,
                    "the authorization is " + from.wire() + "; only pending or valid ones can be deactivated");
        }
        return ctx.authorizations().transition(authz.id(), from, AuthorizationStatus.DEACTIVATED).compose(done -> {
            Authorization deactivated = done.orElseThrow(() -> new CaException(ErrorKind.CONFLICT,
                    "the authorization changed while deactivating it; fetch it and retry"));
            Problem cause = Problem.of(ErrorKind.UNAUTHORIZED, "it was deactivated by the account");
            return ctx.audit().record("authorization.deactivated", AuditTrail.account(authz.accountId()),
                            authz.id(), Map.of("identifier", authz.identifier().value(), "from", from.wire()))
                    .compose(v -> orders.afterFailure(deactivated, cause))
                    .map(deactivated);
        });
    }
}
