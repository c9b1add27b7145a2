package dev.inkan.ra.op;

import dev.inkan.core.error.CaException;
import dev.inkan.core.error.ErrorKind;
import dev.inkan.core.error.Problem;
import dev.inkan.core.model.CertificateRecord;
import dev.inkan.core.model.Order;
import dev.inkan.core.model.OrderStatus;
import dev.inkan.core.port.CertificateAuthority.IssuanceRequest;
import dev.inkan.core.port.CertificateAuthority.SigningGate;
import dev.inkan.core.port.IssuanceQueue;
import dev.inkan.core.port.Leases;
import dev.inkan.core.vetting.OrganizationSubject;
import dev.inkan.ra.policy.CertificateRequest;
import io.vertx.core.Future;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The background half of finalize: the CA issues, the order becomes VALID with the serial.
 *
 * <p>NOTE: the order is PROCESSING here, and nobody else will move it. Every failure path must record its
 * error on the order (PROCESSING to INVALID), or the client polls forever.
 */
public final class OrderIssuance {
    private static final Logger LOG = LoggerFactory.getLogger(OrderIssuance.class);
    static final String GENERIC_FAILURE = "issuance failed; please finalize a new order";
    /** Claims of one queued order that a crash may cut before its order fails instead. */
    static final int MAX_ATTEMPTS = 3;

    private final OperationContext ctx;
    private final StatusLink status;
    /** Builds a queued order's CAA gate in the signer; null where orders are never queued to this RA. */
    private volatile CaaCheckpoint caa;
    /** Set in a front end: finalized orders go to the signer's queue instead of this process's CA. */
    private volatile IssuanceQueue queue;

    public OrderIssuance(OperationContext ctx) {
        this(ctx, new StatusLink());
    }

    /** @param status whose listeners hear of each issued certificate (OCSP pre-signing, CP 002 §4.3.2 notice) */
    public OrderIssuance(OperationContext ctx, StatusLink status) {
        this.ctx = ctx;
        this.status = status;
    }

    /** In a signer: how a queued order's CAA gate (BR 3.2.2.8 at signing) is built again from the store. */
    public void gateQueuedBy(CaaCheckpoint caa) {
        this.caa = caa;
    }

    /** From now on, finalized orders are queued for a signer process (docs/design/signer-handover.md). */
    public void handOverTo(IssuanceQueue queue) {
        this.queue = queue;
    }

    /**
     * @param gate         what the CA asks right before each signature (CAA freshness, BR 3.2.2.8)
     * @param organization OV: the vetted organization's subject the RA checked; null otherwise
     * @return completes when the order has its outcome, VALID or INVALID, with the order as that outcome left it
     *         (empty when queued for a signer, or when the order had been moved on by someone else meanwhile)
     */
    public Future<Optional<Order>> start(Order order, String caProfile, CertificateRequest csr, SigningGate gate,
            OrganizationSubject organization) {
        IssuanceRequest request = new IssuanceRequest(order.id(), order.accountId(), caProfile,
                csr.subjectPublicKeyInfo(), csr.dnsNames(), gate, organization);
        IssuanceQueue q = queue;
        if (q != null) {
            // the signer builds its own gate from the stored CAA checks: a gate is code, it does not travel; the
            // organization the RA checked does, so the signer names the subject the RA decided on
            // the outcome comes from the signer: finalize sees the order still processing once it is queued
            return ctx.background().start("queueing order " + order.id(), () -> q.enqueue(new IssuanceQueue.Job(order.id(),
                            order.accountId(), caProfile, csr.subjectPublicKeyInfo(), csr.dnsNames(), ctx.now(), null, 0,
                            organization))
                    .recover(t -> failed(order, t).mapEmpty())).map(Optional.<Order>empty());
        }
        Future<Optional<Order>> outcome = run(order, request);
        return ctx.background().start("issuance for order " + order.id(), () -> outcome).compose(v -> outcome);
    }

    /**
     * A queued order's issuance, in the signer: the CA issues and the order gets its outcome, unless the order is
     * no longer PROCESSING (recovery failed it meanwhile). A job claimed {@link #MAX_ATTEMPTS} times already (each
     * claim cut by a crash) fails its order instead of trying again. Completes when the order has its outcome;
     * fails with {@link Leases.NotHeld}, leaving the order untouched, when the issuance failed after this signer's
     * lease lapsed ({@code holdsLease} false): the signer that took over issues it.
     */
    public Future<Void> runQueued(IssuanceQueue.Job job, BooleanSupplier holdsLease) {
        return ctx.orders().byId(job.orderId()).compose(found -> {
            if (found.isEmpty() || found.get().status() != OrderStatus.PROCESSING) {
                LOG.info("queued order {} is no longer processing; nothing to issue", job.orderId());
                return Future.succeededFuture();
            }
            Order order = found.get();
            if (job.attempts() > MAX_ATTEMPTS) {
                return failed(order, new CaException(ErrorKind.SERVER_INTERNAL,
                        "issuance was interrupted " + MAX_ATTEMPTS + " times; please finalize a new order")).mapEmpty();
            }
            return caa.signingGate(order).compose(gate -> issue(new IssuanceRequest(job.orderId(), job.accountId(),
                    job.caProfile(), job.subjectPublicKeyInfo(), job.dnsNames(), gate, job.organization())))
                    .compose(cert -> completed(order, cert)).<Void>mapEmpty().recover(t -> {
                if (!holdsLease.getAsBoolean()) {
                    LOG.warn("issuance for order {} stopped without the signer lease: {}", order.id(), t.toString());
                    return Future.failedFuture(new Leases.NotHeld("order " + order.id() + " is left to the next signer"));
                }
                return failed(order, t).mapEmpty();
            });
        });
    }

    private Future<Optional<Order>> run(Order order, IssuanceRequest request) {
        return issue(request).compose(cert -> completed(order, cert)).recover(t -> failed(order, t));
    }

    private Future<CertificateRecord> issue(IssuanceRequest request) {
        try {
            return ctx.certificateAuthority().issue(request);
        } catch (RuntimeException e) {
            return Future.failedFuture(e);
        }
    }

    /** The order completed with the certificate, empty when it was no longer processing. */
    private Future<Optional<Order>> completed(Order order, CertificateRecord certificate) {
        tell(certificate);
        return ctx.orders().complete(order.id(), certificate.serial(), ctx.now()).compose(done -> {
            if (done.isEmpty()) {
                // e.g. recovery failed the order while the CA was still working
                LOG.warn("certificate {} issued but order {} was no longer processing",
                        certificate.serial(), order.id());
            }
            return ctx.audit().record("certificate.issued", AuditTrail.SYSTEM, certificate.serial(), Map.of(
                    "orderId", order.id(),
                    "accountId", order.accountId(),
                    "issuerId", certificate.issuerId(),
                    "names", String.join(",", certificate.dnsNames()),
                    "orderCompleted", String.valueOf(done.isPresent()))).map(done);
        });
    }

    /** The certificate is issued whatever a listener does; a failing one is only logged. */
    private void tell(CertificateRecord certificate) {
        try {
            status.services().events().issued(certificate);
        } catch (RuntimeException e) {
            LOG.error("a listener failed on the issuance of {}", certificate.serial(), e);
        }
    }

    /** The order failed with the problem, empty when it was no longer processing. */
    private Future<Optional<Order>> failed(Order order, Throwable t) {
        Problem problem = problem(order, t);
        return ctx.orders().fail(order.id(), OrderStatus.PROCESSING, problem, ctx.now())
                .compose(done -> ctx.audit().record("issuance.failed", AuditTrail.SYSTEM, order.id(), Map.of(
                        "error", problem.kind().acmeName() + ": " + problem.detail(),
                        "orderFailed", String.valueOf(done.isPresent()))).map(done));
    }

    /** A CaException's own problem; anything else is serverInternal with a generic detail and the cause logged. */
    private static Problem problem(Order order, Throwable t) {
        if (t instanceof CaException e) {
            LOG.warn("issuance for order {} refused: {}", order.id(), e.getMessage());
            return e.problem();
        }
        LOG.error("issuance for order {} failed", order.id(), t);
        return Problem.of(ErrorKind.SERVER_INTERNAL, GENERIC_FAILURE);
    }
}
