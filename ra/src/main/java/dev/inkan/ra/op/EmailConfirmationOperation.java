package dev.inkan.ra.op;

import dev.inkan.core.error.CaException;
import dev.inkan.core.error.ErrorKind;
import dev.inkan.core.model.Authorization;
import dev.inkan.core.model.AuthorizationStatus;
import dev.inkan.core.model.Challenge;
import dev.inkan.core.model.ChallengeStatus;
import dev.inkan.core.model.ValidationRecord;
import dev.inkan.core.port.RegistrationAuthority.EmailValidationView;
import dev.inkan.core.port.ValidationAuthority.ValidationOutcome;
import dev.inkan.ra.policy.DomainValidationMethods;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * BR 3.2.2.4.4: the recipient of the constructed address answers with the random value on the CA's page. Showing the
 * page ({@link #view}) changes nothing; only {@link #confirm}, called for the page's POST, validates. The value is
 * found by its digest, accepted for 10 days from its issuance (CP 002 §3.2.2.4) and never from 2028-03-15.
 */
public final class EmailConfirmationOperation {
    private static final String UNKNOWN = "This confirmation code is not valid. It may have been replaced by a newer"
            + " email, or mistyped.";

    private final OperationContext ctx;
    private final ChallengeValidation validation;
    private final UnaryOperator<String> accountUrls;

    public EmailConfirmationOperation(OperationContext ctx, ChallengeValidation validation,
            UnaryOperator<String> accountUrls) {
        this.ctx = ctx;
        this.validation = validation;
        this.accountUrls = accountUrls;
    }

    public Future<EmailValidationView> view(String value) {
        return find(value).map(found -> new EmailValidationView(found.authz().identifier().value(),
                found.authz().wildcard(), found.challenge().target(),
                DomainValidationMethods.valueExpires(found.challenge()),
                found.challenge().status() == ChallengeStatus.VALID));
    }

    public Future<Authorization> confirm(String value, String confirmedFrom) {
        return find(value).compose(found -> {
            Authorization authz = found.authz();
            Challenge c = found.challenge();
            // a confirmation whose recording was lost with its process (overdue) is recorded again
            if (c.status() == ChallengeStatus.VALID || c.status() == ChallengeStatus.PROCESSING && !c.lapsed(ctx.now())) {
                return Future.succeededFuture(authz);
            }
            requireAcceptable(authz, c);
            return validation.claim(authz, c).compose(started -> {
                if (started.isEmpty()) {
                    return reread(authz);
                }
                String accountUrl = accountUrls.apply(authz.accountId());
                ValidationRecord record = new ValidationRecord(Challenge.CONSTRUCTED_EMAIL,
                        DomainValidationMethods.brSection(Challenge.CONSTRUCTED_EMAIL),
                        c.target().substring(c.target().indexOf('@') + 1), "mailto:" + c.target(), List.of(),
                        confirmedFrom, "the random value mailed at " + c.valueIssued()
                                + " was confirmed on the confirmation page", "primary", ctx.now());
                return validation.finish(started.get(), c, accountUrl,
                                () -> Future.succeededFuture(new ValidationOutcome(true, null, List.of(record))))
                        .compose(v -> reread(authz));
            });
        });
    }

    private void requireAcceptable(Authorization authz, Challenge c) {
        Instant now = ctx.now();
        if (!now.isBefore(DomainValidationMethods.CONSTRUCTED_EMAIL_SUNSET)) {
            throw new CaException(ErrorKind.UNAUTHORIZED, "Email validation (BR 3.2.2.4.4) may not be used from "
                    + DomainValidationMethods.CONSTRUCTED_EMAIL_SUNSET.toString().substring(0, 10)
                    + "; nothing was confirmed.");
        }
        if (authz.status() != AuthorizationStatus.PENDING || c.status() != ChallengeStatus.PENDING && !c.lapsed(now)) {
            throw new CaException(ErrorKind.UNAUTHORIZED, "This request is no longer waiting for confirmation ("
                    + authz.status().wire() + ").");
        }
        if (!now.isBefore(DomainValidationMethods.valueExpires(c))) {
            throw new CaException(ErrorKind.UNAUTHORIZED, "This confirmation code expired at "
                    + DomainValidationMethods.valueExpires(c) + " (codes are valid for 10 days); ask for a new email.");
        }
        if (!authz.expires().isAfter(now)) {
            throw new CaException(ErrorKind.UNAUTHORIZED, "This request expired at " + authz.expires() + ".");
        }
    }

    private Future<Authorization> reread(Authorization authz) {
        return ctx.authorizations().byId(authz.id()).map(a -> a.orElse(authz));
    }

    private record Found(Authorization authz, Challenge challenge) {}

    private Future<Found> find(String value) {
        if (value == null || !value.matches("[A-Za-z0-9_-]{20,100}")) {
            return Future.failedFuture(new CaException(ErrorKind.NOT_FOUND, UNKNOWN));
        }
        String token = ValidationEmail.digest(value);
        return ctx.authorizations().byChallengeToken(Challenge.CONSTRUCTED_EMAIL, token).map(found -> {
            Authorization authz = found.orElseThrow(() -> new CaException(ErrorKind.NOT_FOUND, UNKNOWN));
            Challenge c = authz.challenges().stream()
                    .filter(x -> Challenge.CONSTRUCTED_EMAIL.equals(x.type()) && x.token().equals(token))
                    .findFirst()
                    .orElseThrow(() -> new CaException(ErrorKind.NOT_FOUND, UNKNOWN));
            return new Found(authz, c);
        });
    }
}
