package dev.inkan.ra.op;

import dev.inkan.core.error.ErrorKind;
import dev.inkan.core.error.Problem;
import dev.inkan.core.model.Authorization;
import dev.inkan.core.model.Challenge;
import dev.inkan.core.model.ChallengeStatus;
import dev.inkan.core.port.ValidationAuthority.ValidationOutcome;
import dev.inkan.core.port.ValidationAuthority.ValidationRequest;
import dev.inkan.ra.policy.DomainValidationReuse;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The background half of a challenge response: ask the validation authority, then CAA, record what they
 * saw on the challenge, then move the orders that hold the authorization.
 */
public final class ChallengeValidation {
    private static final Logger LOG = LoggerFactory.getLogger(ChallengeValidation.class);
    /** Beyond the validation timeout: time for the outcome's store writes before the attempt counts as lost. */
    static final Duration RECORDING_MARGIN = Duration.ofSeconds(15);

    private final OperationContext ctx;
    private final DomainValidationReuse reuse;
    private final OrderProgress orders;
    private final CaaCheckpoint caa;

    public ChallengeValidation(OperationContext ctx, DomainValidationReuse reuse, OrderProgress orders,
            CaaCheckpoint caa) {
        this.ctx = ctx;
        this.reuse = reuse;
        this.orders = orders;
        this.caa = caa;
    }

    /**
     * Claims a challenge for a validation attempt: a PENDING one becomes PROCESSING, and a PROCESSING one whose
     * outcome is overdue ({@link Challenge#lapsed}) is claimed again, its validation lost with the process that ran
     * it (a front end killed mid-validation; RFC 8555 §8.2 lets the server retry). Empty when another request
     * claimed it first or it is in neither state.
     */
    public Future<Optional<Authorization>> claim(Authorization authz, Challenge challenge) {
        Instant now = ctx.now();
        Instant due = now.plus(ctx.config().validationTimeout()).plus(RECORDING_MARGIN);
        if (challenge.status() == ChallengeStatus.PENDING) {
            return ctx.authorizations().startChallenge(authz.id(), challenge.id(), due);
        }
        if (!challenge.lapsed(now)) {
            return Future.succeededFuture(Optional.empty());
        }
        return ctx.authorizations().resumeChallenge(authz.id(), challenge.id(), challenge.processingUntil(), due)
                .onSuccess(resumed -> resumed.ifPresent(a -> LOG.warn(
                        "validation of challenge {} of authorization {} was due by {} and never recorded; running it "
                                + "again", challenge.id(), authz.id(), challenge.processingUntil())));
    }

    /**
     * Starts validating a PROCESSING challenge; does not wait for it. The result says when the outcome is recorded,
     * for a caller that may wait a little (the challenge response answering with the validated authorization).
     */
    public Future<Optional<Authorization>> start(Authorization authz, Challenge challenge, String accountThumbprint,
            String accountUrl) {
        // RFC 8555 §8.1: keyAuthorization = token || '.' || base64url(JWK_Thumbprint(accountKey))
        ValidationRequest request = new ValidationRequest(authz.identifier(), challenge.type(), challenge.token(),
                challenge.token() + "." + accountThumbprint, accountUrl);
        return startWith(authz, challenge, accountUrl, () -> ctx.validationAuthority().validate(request));
    }

    /**
     * Starts finishing a PROCESSING challenge whose outcome {@code check} finds; does not wait for it. The result is
     * the authorization as the outcome left it (empty when another process had finished it first).
     */
    public Future<Optional<Authorization>> startWith(Authorization authz, Challenge challenge, String accountUrl,
            java.util.function.Supplier<Future<ValidationOutcome>> check) {
        Future<Optional<Authorization>> recorded = finished(authz, challenge, accountUrl, check);
        return ctx.background().start("validation of authorization " + authz.id(), () -> recorded)
                .compose(v -> recorded);
    }

    /**
     * Finishes a PROCESSING challenge: its outcome, then CAA when control was shown (BR 3.2.2.8: before the
     * authorization is recorded valid), then the record and the orders. Completes when all is recorded.
     */
    public Future<Void> finish(Authorization authz, Challenge challenge, String accountUrl,
            java.util.function.Supplier<Future<ValidationOutcome>> check) {
        return finished(authz, challenge, accountUrl, check).mapEmpty();
    }

    private Future<Optional<Authorization>> finished(Authorization authz, Challenge challenge, String accountUrl,
            java.util.function.Supplier<Future<ValidationOutcome>> check) {
        return outcome(authz.identifier().value(), challenge.type(), check)
                .compose(o -> o.valid() ? caa.atValidation(authz, challenge, accountUrl, o) : Future.succeededFuture(o))
                .compose(outcome -> record(authz, challenge, outcome));
    }

    private Future<ValidationOutcome> outcome(String name, String method,
            java.util.function.Supplier<Future<ValidationOutcome>> check) {
        Future<ValidationOutcome> asked;
        try {
            asked = check.get();
        } catch (RuntimeException e) {
            asked = Future.failedFuture(e);
        }
        return withTimeout(asked).recover(t -> {
            boolean timedOut = t instanceof TimeoutException;
            if (!timedOut) {
                LOG.error("validation of {} by {} failed unexpectedly", name, method, t);
            }
            Problem problem = timedOut
                    ? Problem.of(ErrorKind.CONNECTION, "validation of " + name
                            + " did not finish within " + ctx.config().validationTimeout().toSeconds() + " seconds")
                    : Problem.of(ErrorKind.SERVER_INTERNAL, "validation could not be completed; retry with a new order");
            return Future.succeededFuture(new ValidationOutcome(false, problem, List.of()));
        });
    }

    private Future<ValidationOutcome> withTimeout(Future<ValidationOutcome> asked) {
        Promise<ValidationOutcome> promise = Promise.promise();
        long timer = ctx.vertx().setTimer(ctx.config().validationTimeout().toMillis(),
                id -> promise.tryFail(new TimeoutException("validation timed out")));
        asked.onComplete(ar -> {
            ctx.vertx().cancelTimer(timer);
            if (ar.succeeded()) {
                promise.tryComplete(ar.result());
            } else {
                promise.tryFail(ar.cause());
            }
        });
        return promise.future();
    }

    /** The authorization as the outcome left it; empty when it was no longer processing. */
    private Future<Optional<Authorization>> record(Authorization authz, Challenge challenge, ValidationOutcome outcome) {
        Instant now = ctx.now();
        Problem error = outcome.valid() ? null : outcome.error() != null
                ? outcome.error()
                : Problem.of(ErrorKind.INCORRECT_RESPONSE, "the validation did not succeed");
        // BR 4.2.1: a valid authorization is reusable for the window in force when it was validated
        Instant expires = outcome.valid() ? now.plus(reuse.window(now)) : authz.expires();
        ChallengeStatus status = outcome.valid() ? ChallengeStatus.VALID : ChallengeStatus.INVALID;
        return ctx.authorizations()
                .finishChallenge(authz.id(), challenge.id(), status, error, outcome.records(), now, expires)
                .compose(finished -> {
                    if (finished.isEmpty()) {
                        LOG.warn("challenge {} of authorization {} was no longer processing; outcome dropped",
                                challenge.id(), authz.id());
                        return Future.succeededFuture(Optional.<Authorization>empty());
                    }
                    return audited(finished.get(), challenge, error)
                            .compose(v -> error == null
                                    ? orders.afterValid(finished.get())
                                    : orders.afterFailure(finished.get(), error))
                            .map(finished);
                });
    }

    private Future<Void> audited(Authorization authz, Challenge challenge, Problem error) {
        return ctx.audit().record(error == null ? "challenge.valid" : "challenge.invalid",
                AuditTrail.account(authz.accountId()), authz.id(), Map.of(
                        "identifier", authz.identifier().value(),
                        "wildcard", String.valueOf(authz.wildcard()),
                        "challengeType", challenge.type(),
                        "error", error == null ? "" : error.kind().acmeName() + ": " + error.detail()));
    }
}
