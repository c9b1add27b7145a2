package dev.inkan.ra.op;

import dev.inkan.core.error.CaException;
import dev.inkan.core.error.ErrorKind;
import dev.inkan.core.model.Account;
import dev.inkan.core.model.Authorization;
import dev.inkan.core.model.AuthorizationStatus;
import dev.inkan.core.model.Challenge;
import dev.inkan.core.model.ChallengeStatus;
import dev.inkan.core.port.RegistrationAuthority.ChallengeResponse;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.Optional;

/**
 * RFC 8555 §7.5.1: the client says it is ready. The challenge goes PROCESSING and validation runs in the
 * background. The answer waits for the outcome up to a short budget: a client then sees the challenge (and its
 * authorization) valid or invalid at once instead of polling the authorization; past the budget it gets the
 * processing challenge and polls (RFC 8555 §7.5.1 allows both: the challenge object in the response carries
 * whatever status it has). Responding again to a challenge that is already under way
 * or finished changes nothing and returns the authorization as it is, unless the validation under way is overdue
 * (lost with the process that ran it): then it runs again (RFC 8555 §8.2, retrying challenges).
 */
public final class ChallengeResponseOperation {
    private final OperationContext ctx;
    private final Ownership ownership;
    private final ChallengeValidation validation;
    private volatile Duration answerBudget = Duration.ZERO;

    public ChallengeResponseOperation(OperationContext ctx, Ownership ownership, ChallengeValidation validation) {
        this.ctx = ctx;
        this.ownership = ownership;
        this.validation = validation;
    }

    /** How long the answer waits for the validation's outcome (zero: not at all). */
    public void answerWhenValidatedWithin(Duration budget) {
        this.answerBudget = budget == null || budget.isNegative() ? Duration.ZERO : budget;
    }

    public Future<Authorization> run(ChallengeResponse response) {
        return ownership.validAccount(response.accountId()).compose(account -> ownership
                .authorization(account.id(), response.authorizationId())
                .compose(authz -> respond(account, authz, response)));
    }

    private Future<Authorization> respond(Account account, Authorization authz, ChallengeResponse response) {
        // The methods outside ACME (BR 3.2.2.4.4, .18, .12) are started and confirmed through their own operations.
        Challenge challenge = authz.challenge(response.challengeId()).filter(Challenge::acme).orElseThrow(() -> new CaException(
                ErrorKind.NOT_FOUND, "no challenge " + response.challengeId() + " in authorization " + authz.id()));
        boolean underWay = authz.challenges().stream().anyMatch(c -> c.status() == ChallengeStatus.PROCESSING);
        boolean lapsed = challenge.lapsed(ctx.now());
        if (authz.status() != AuthorizationStatus.PENDING
                || !(challenge.status() == ChallengeStatus.PENDING && !underWay || lapsed)) {
            return Future.succeededFuture(authz);
        }
        if (!authz.expires().isAfter(ctx.now())) {
            throw new CaException(ErrorKind.MALFORMED,
                    "the authorization expired at " + authz.expires() + "; create a new order");
        }
        return validation.claim(authz, challenge).compose(started -> {
            if (started.isEmpty()) {
                // another response won the race; show what it did
                return ownership.authorization(account.id(), authz.id());
            }
            Future<Optional<Authorization>> recorded = validation.start(started.get(), challenge, account.keyThumbprint(),
                    response.accountUrl());
            return answer(started.get(), recorded);
        });
    }

    /**
     * The authorization as it stands when the validation's outcome was recorded within the budget, else as started:
     * the one the outcome's record returned, read again only when that record changed nothing.
     */
    private Future<Authorization> answer(Authorization processing, Future<Optional<Authorization>> recorded) {
        return BudgetedAnswer.of(ctx.vertx(), answerBudget, processing, recorded,
                () -> recorded.succeeded() && recorded.result().isPresent() ? Future.succeededFuture(recorded.result())
                        : ctx.authorizations().byId(processing.id()));
    }
}
