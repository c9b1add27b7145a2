package dev.inkan.ra.op;

import dev.inkan.core.error.CaException;
import dev.inkan.core.error.ErrorKind;
import dev.inkan.core.error.Problem;
import dev.inkan.core.model.Authorization;
import dev.inkan.core.model.CaaCheck;
import dev.inkan.core.model.CaaResult;
import dev.inkan.core.model.Challenge;
import dev.inkan.core.model.ChallengeStatus;
import dev.inkan.core.model.Order;
import dev.inkan.core.model.OrderStatus;
import dev.inkan.core.port.CaaChecker.CaaRequest;
import dev.inkan.core.port.ValidationAuthority.ValidationOutcome;
import dev.inkan.ra.CaaChecking;
import dev.inkan.ra.policy.CaaFreshness;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import dev.inkan.core.port.CertificateAuthority.SigningGate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the RA asks CAA (BR 3.2.2.8): when a challenge has been answered, before the authorization becomes valid,
 * and at finalize for every name whose last check is older than max(TTL, 8 hours). Every check is stored with its
 * evidence before the RA acts on it; every refusal is written to the audit log.
 */
public final class CaaCheckpoint {
    private static final Logger LOG = LoggerFactory.getLogger(CaaCheckpoint.class);
    /** BR 3.2.2.4: records name the method's section and the BR version it follows (2.2.6, SC-099 era). */
    static final String BR_SECTION = "3.2.2.8 (BR 2.2.6)";
    /**
     * How long a result must still hold beyond the gate's answer: covers the one store write and the HSM call
     * between the gate and the signature, so the window holds at the signature itself.
     */
    public static final Duration SIGNING_MARGIN = Duration.ofMinutes(1);

    private final OperationContext ctx;
    private final CaaChecking caa;
    private final CaaFreshness freshness;

    public CaaCheckpoint(OperationContext ctx, CaaChecking caa, CaaFreshness freshness) {
        this.ctx = ctx;
        this.caa = caa;
        this.freshness = freshness;
    }

    /**
     * The VA found the challenge answered; CAA decides whether the authorization becomes valid. A refusal or a
     * failed lookup turns the outcome invalid with its problem; the VA's records are kept.
     */
    public Future<ValidationOutcome> atValidation(Authorization authz, Challenge challenge, String accountUrl,
            ValidationOutcome validated) {
        CaaRequest request = new CaaRequest(authz.identifier().value(), authz.wildcard(), accountUrl, challenge.type());
        return checkAndStore(authz, null, CaaCheck.AT_VALIDATION, request)
                .map(result -> result.permitted()
                        ? validated
                        : new ValidationOutcome(false, result.problem(), validated.records()))
                .recover(t -> {
                    LOG.error("CAA check of {} at validation failed", authz.identifier().value(), t);
                    return Future.succeededFuture(new ValidationOutcome(false, Problem.of(ErrorKind.SERVER_INTERNAL,
                            "the CAA check could not be completed; retry with a new order"), validated.records()));
                });
    }

    /**
     * At finalize of a READY order: rechecks each name whose last permitting check is older than max(TTL, 8 hours),
     * or that has none. A refusal fails the order with the {@code caa} problem (one subproblem per refused name when
     * there are several) and fails the returned future with it.
     *
     * @return the gate the CA asks before each signature: the window is measured to the moment the HSM signs
     */
    public Future<SigningGate> recheckStale(Order order, List<Authorization> authzs) {
        return recheck(order, authzs, CaaCheck.AT_FINALIZE, Duration.ZERO).compose(until -> {
            if (until.refusal().isPresent()) {
                Problem problem = until.refusal().get();
                return ctx.orders().fail(order.id(), OrderStatus.READY, problem, ctx.now())
                        .transform(ignored -> Future.failedFuture(new CaException(problem)));
            }
            return Future.succeededFuture(gate(order, authzs, until.usableUntil()));
        });
    }

    /**
     * The gate for an order queued by a front end, built in the signer: no window is assumed, so before each
     * signature every name whose result is stale is checked again (BR 3.2.2.8).
     */
    public Future<SigningGate> signingGate(Order order) {
        return ctx.authorizations().byIds(order.authorizationIds()).map(authzs -> gate(order, authzs, Instant.MIN));
    }

    /**
     * BR 3.2.2.8 at signing time: while every name's result is usable a margin beyond now, nothing is asked; once a
     * slow pipeline (a CT round with retries) has crossed the window, the stale names are checked again before the
     * HSM signs. A refusal fails issuance with the {@code caa} problem; the RA records it on the order.
     */
    private SigningGate gate(Order order, List<Authorization> authzs, Instant usableUntil) {
        Instant[] until = {usableUntil};
        return () -> {
            if (ctx.now().plus(SIGNING_MARGIN).isBefore(until[0])) {
                return Future.succeededFuture();
            }
            return recheck(order, authzs, CaaCheck.AT_SIGNING, SIGNING_MARGIN).compose(again -> {
                if (again.refusal().isPresent()) {
                    return Future.failedFuture(new CaException(again.refusal().get()));
                }
                until[0] = again.usableUntil();
                return Future.succeededFuture();
            });
        };
    }

    /** The refusal of the names, if any; otherwise the first instant at which one of the results goes stale. */
    private record Recheck(Optional<Problem> refusal, Instant usableUntil) {}

    /** One name's outcome: refused, or usable until an instant. */
    private record NameCheck(Optional<Problem> refusal, Instant usableUntil) {}

    private Future<Recheck> recheck(Order order, List<Authorization> authzs, String trigger, Duration margin) {
        List<Future<NameCheck>> rechecks = authzs.stream().map(a -> recheckIfStale(order, a, trigger, margin)).toList();
        return Future.all(rechecks).map(done -> {
            List<NameCheck> checks = rechecks.stream().map(Future::result).toList();
            List<Problem> refused = checks.stream().map(NameCheck::refusal).flatMap(Optional::stream).toList();
            if (!refused.isEmpty()) {
                Problem problem = refused.size() == 1 ? refused.get(0) : new Problem(ErrorKind.CAA,
                        "CAA records prevent issuance for " + refused.size() + " names of this order", null, refused);
                return new Recheck(Optional.of(problem), null);
            }
            Instant first = checks.stream().map(NameCheck::usableUntil).min(Instant::compareTo).orElse(Instant.MAX);
            return new Recheck(Optional.empty(), first);
        });
    }

    private Future<NameCheck> recheckIfStale(Order order, Authorization a, String trigger, Duration margin) {
        return caa.checks().latestFor(a.id()).compose(last -> {
            if (last.isPresent() && freshness.stillPermits(last.get().result(), ctx.now().plus(margin))) {
                return Future.succeededFuture(new NameCheck(Optional.empty(),
                        freshness.usableUntil(last.get().result())));
            }
            String accountUrl = last.map(CaaCheck::accountUri).filter(Objects::nonNull)
                    .orElseGet(() -> caa.accountUrls().apply(a.accountId()));
            CaaRequest request = new CaaRequest(a.identifier().value(), a.wildcard(), accountUrl, validatedBy(a));
            return checkAndStore(a, order.id(), trigger, request)
                    .map(r -> r.permitted() ? new NameCheck(Optional.empty(), freshness.usableUntil(r))
                            : new NameCheck(Optional.of(r.problem()), null));
        });
    }

    private Future<CaaResult> checkAndStore(Authorization a, String orderId, String trigger, CaaRequest request) {
        return bounded(ask(request)).compose(result -> {
            CaaCheck check = new CaaCheck(RandomTokens.id(), a.accountId(), a.id(), orderId, trigger,
                    request.accountUri(), request.validationMethod(), result, BR_SECTION);
            // The evidence is stored before anything relies on it (BR 3.2.2.8, SC-099).
            return caa.checks().insert(check).compose(v -> result.permitted()
                    ? Future.succeededFuture(result)
                    : audited(check).map(result));
        });
    }

    private Future<CaaResult> ask(CaaRequest request) {
        try {
            return caa.checker().check(request);
        } catch (RuntimeException e) {
            return Future.failedFuture(e);
        }
    }

    /** A CAA check that has not answered within the validation timeout is a failure, never a permission. */
    private Future<CaaResult> bounded(Future<CaaResult> asked) {
        Promise<CaaResult> p = Promise.promise();
        Duration limit = ctx.config().validationTimeout();
        long timer = ctx.vertx().setTimer(limit.toMillis(), id -> p.tryFail(new CaException(ErrorKind.DNS,
                "the CAA check did not finish within " + limit.toSeconds() + " seconds")));
        asked.onComplete(ar -> {
            ctx.vertx().cancelTimer(timer);
            if (ar.succeeded()) {
                p.tryComplete(ar.result());
            } else {
                p.tryFail(ar.cause());
            }
        });
        return p.future();
    }

    /** BR 3.2.2.8: every issuance CAA prevented is documented. */
    private Future<Void> audited(CaaCheck check) {
        CaaResult r = check.result();
        return ctx.audit().record("caa.refused", AuditTrail.account(check.accountId()), check.authorizationId(), Map.of(
                "name", (r.wildcard() ? "*." : "") + r.name(),
                "trigger", check.trigger(),
                "orderId", check.orderId() == null ? "" : check.orderId(),
                "relevantName", r.relevantName() == null ? "" : r.relevantName(),
                "records", String.join(" | ", r.records()),
                "error", r.problem().kind().acmeName() + ": " + r.problem().detail()));
    }

    /** The ACME method that made the authorization valid (RFC 8657 validationmethods). */
    private static String validatedBy(Authorization a) {
        return a.challenges().stream().filter(c -> c.status() == ChallengeStatus.VALID).map(Challenge::type)
                .findFirst().orElse("unknown");
    }
}
