package dev.inkan.ra.op;

import dev.inkan.core.error.CaException;
import dev.inkan.core.error.ErrorKind;
import dev.inkan.core.model.Account;
import dev.inkan.core.model.Authorization;
import dev.inkan.core.model.AuthorizationStatus;
import dev.inkan.core.model.Order;
import dev.inkan.core.model.OrderStatus;
import dev.inkan.core.vetting.OrganizationSubject;
import dev.inkan.ra.policy.CertificateRequest;
import dev.inkan.ra.policy.CsrPolicy;
import dev.inkan.ra.policy.DomainValidationMethods;
import dev.inkan.ra.policy.DomainValidationReuse;
import dev.inkan.ra.policy.ProfilePolicy;
import dev.inkan.core.port.CertificateAuthority.SigningGate;
import io.vertx.core.Future;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * RFC 8555 §7.4 finalize: check the CSR and the authorizations, move the order READY to PROCESSING and issue
 * ({@link OrderIssuance}). The answer waits for the outcome up to a short budget, as Boulder finalizes
 * synchronously: a client then sees the order VALID (or INVALID) at once instead of polling a processing order; past
 * the budget it gets the processing order and polls (RFC 8555 §7.4 allows both).
 */
public final class FinalizeOrderOperation {
    private final OperationContext ctx;
    private final Ownership ownership;
    private final CsrPolicy csrPolicy;
    private final ProfilePolicy profiles;
    private final DomainValidationReuse reuse;
    private final OrderIssuance issuance;
    private final CaaCheckpoint caa;
    private final OrganizationBinding organizations;
    private volatile Duration answerBudget = Duration.ZERO;

    public FinalizeOrderOperation(OperationContext ctx, Ownership ownership, CsrPolicy csrPolicy,
            ProfilePolicy profiles, DomainValidationReuse reuse, OrderIssuance issuance, CaaCheckpoint caa,
            OrganizationBinding organizations) {
        this.ctx = ctx;
        this.ownership = ownership;
        this.csrPolicy = csrPolicy;
        this.profiles = profiles;
        this.reuse = reuse;
        this.issuance = issuance;
        this.caa = caa;
        this.organizations = organizations;
    }

    /** How long finalize waits for the issued order before answering with the processing one (zero: not at all). */
    public void answerWhenIssuedWithin(Duration budget) {
        this.answerBudget = budget == null || budget.isNegative() ? Duration.ZERO : budget;
    }

    public Future<Order> run(String accountId, String orderId, byte[] csrDer) {
        return ownership.validAccount(accountId)
                .compose(account -> ownership.order(accountId, orderId)
                        .compose(order -> checked(account, order, csrDer)));
    }

    private Future<Order> checked(Account account, Order pendingOrReady, byte[] csrDer) {
        return readyIfAuthorized(pendingOrReady).compose(order -> checkedReady(account, order, csrDer));
    }

    /**
     * A client may finalize as soon as it sees its last authorization valid, before {@link OrderProgress}
     * has moved the order to READY: a PENDING order whose authorizations are all usable is promoted here.
     */
    private Future<Order> readyIfAuthorized(Order order) {
        if (order.status() != OrderStatus.PENDING) {
            return Future.succeededFuture(order);
        }
        Instant now = ctx.now();
        return ctx.authorizations().byIds(order.authorizationIds()).compose(authzs -> {
            if (!allUsable(order, authzs, now)) {
                return Future.succeededFuture(order);
            }
            return ctx.orders().transition(order.id(), OrderStatus.PENDING, OrderStatus.READY, now)
                    .compose(moved -> moved.isPresent()
                            ? Future.succeededFuture(moved.get())
                            : ctx.orders().byId(order.id()).map(o -> o.orElse(order)));
        });
    }

    private Future<Order> checkedReady(Account account, Order order, byte[] csrDer) {
        Instant now = ctx.now();
        requireReady(order, now);
        String caProfile = profiles.caProfile(order.profile());
        CertificateRequest csr = csrPolicy.check(csrDer, order.identifiers());
        return ctx.accounts().byThumbprint(csr.keyThumbprint()).compose(holder -> {
            if (holder.isPresent()) {
                throw new CaException(ErrorKind.BAD_CSR,
                        "the CSR's key is an ACME account key; the certificate needs a key of its own");
            }
            return ctx.authorizations().byIds(order.authorizationIds());
        }).compose(authzs -> {
            requireUsable(order, authzs, now);
            // BR 3.2.2.8: a CAA result older than max(TTL, 8 h) is checked again before issuance.
            return caa.recheckStale(order, authzs);
        }).compose(gate -> organization(account, order, caProfile, now)
                .compose(subject -> processing(order, caProfile, csr, gate, subject)));
    }

    /**
     * OV: the account must still be bound to a vetted organization usable now (not suspended, inside the BR 4.2.1
     * reuse period, the names vetted), checked before the order moves on; its subject goes to the CA.
     */
    private Future<OrganizationSubject> organization(Account account, Order order, String caProfile, Instant now) {
        if (!OrganizationBinding.OV_PROFILE.equals(caProfile)) {
            return Future.succeededFuture(null);
        }
        return organizations.requireForOv(account, order.identifiers(), now);
    }

    /** RFC 8555 §7.4: finalize only a READY, unexpired order; anything else is orderNotReady. */
    private static void requireReady(Order order, Instant now) {
        if (order.status() != OrderStatus.READY) {
            throw new CaException(ErrorKind.ORDER_NOT_READY, "the order is " + order.status().wire() + ", not ready");
        }
        if (!order.expires().isAfter(now)) {
            throw new CaException(ErrorKind.ORDER_NOT_READY, "the order expired at " + order.expires());
        }
    }

    /** BR 3.2.2.4: every validation must still be inside the reuse window at issuance. */
    private void requireUsable(Order order, List<Authorization> authzs, Instant now) {
        if (authzs.size() != order.authorizationIds().size()) {
            throw new CaException(ErrorKind.SERVER_INTERNAL, "an authorization of the order is missing");
        }
        for (Authorization a : authzs) {
            if (!usable(a, now)) {
                throw new CaException(ErrorKind.UNAUTHORIZED, "the authorization for " + a.identifier().value()
                        + " is no longer valid; create a new order");
            }
        }
    }

    private boolean allUsable(Order order, List<Authorization> authzs, Instant now) {
        return authzs.size() == order.authorizationIds().size() && authzs.stream().allMatch(a -> usable(a, now));
    }

    private boolean usable(Authorization a, Instant now) {
        return a.status() == AuthorizationStatus.VALID && a.expires().isAfter(now)
                && AuthorizationSource.validatedAt(a).map(at -> reuse.stillReusable(at, now)).orElse(false)
                // BR 3.2.2.4.4: from 2028-03-15 an earlier email validation backs no certificate
                && AuthorizationSource.validatedBy(a)
                        .map(method -> DomainValidationMethods.stillCounts(method, now)).orElse(false);
    }

    private Future<Order> processing(Order order, String caProfile, CertificateRequest csr, SigningGate gate,
            OrganizationSubject subject) {
        return ctx.orders().transition(order.id(), OrderStatus.READY, OrderStatus.PROCESSING, ctx.now())
                .compose(moved -> {
                    Order processing = moved.orElseThrow(() -> new CaException(ErrorKind.ORDER_NOT_READY,
                            "the order is no longer ready; fetch it to see its status"));
                    return ctx.audit().record("order.finalized", AuditTrail.account(order.accountId()), order.id(),
                            Map.of("names", String.join(",", csr.dnsNames()), "caProfile", caProfile,
                                    "keyThumbprint", csr.keyThumbprint()))
                            .compose(v -> answer(processing,
                                    issuance.start(processing, caProfile, csr, gate, subject)));
                });
    }

    /**
     * The order as it stands when issuance ended within the budget, else the processing order. Issuance hands back
     * the order it completed or failed; only when it moved nothing (queued for a signer, or moved on by recovery)
     * is the order read again.
     */
    private Future<Order> answer(Order processing, Future<Optional<Order>> outcome) {
        return BudgetedAnswer.of(ctx.vertx(), answerBudget, processing, outcome,
                () -> outcome.succeeded() && outcome.result().isPresent() ? Future.succeededFuture(outcome.result())
                        : ctx.orders().byId(processing.id()));
    }
}
