package dev.inkan.ra.op;

import dev.inkan.core.error.CaException;
import dev.inkan.core.error.ErrorKind;
import dev.inkan.core.model.Account;
import dev.inkan.core.model.Authorization;
import dev.inkan.core.model.AuthorizationStatus;
import dev.inkan.core.model.Challenge;
import dev.inkan.core.model.ChallengeStatus;
import dev.inkan.core.model.Identifier;
import dev.inkan.core.port.RegistrationAuthority.DomainValidationRequest;
import dev.inkan.ra.DomainValidationServices;
import dev.inkan.ra.policy.DomainValidationMethods;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts, switches or resends a validation by a method outside ACME on a pending authorization. A new random value is
 * made each time (BR 3.2.2.4.4: unique per email; BR 3.2.2.4.18: unique per request), at least 112 bits (we use 256),
 * and the earlier pending one is dropped with its value.
 */
public final class StartDomainValidationOperation {
    private static final Logger LOG = LoggerFactory.getLogger(StartDomainValidationOperation.class);
    /** BR 3.2.2.4.18: the file lives here; its name is random and unrelated to the value it must hold. */
    static final String PKI_VALIDATION = "/.well-known/pki-validation/";

    private final OperationContext ctx;
    private final Ownership ownership;
    private final DomainValidationLink link;
    private final CheckDomainValidationOperation check;

    public StartDomainValidationOperation(OperationContext ctx, Ownership ownership, DomainValidationLink link,
            CheckDomainValidationOperation check) {
        this.ctx = ctx;
        this.ownership = ownership;
        this.link = link;
        this.check = check;
    }

    public Future<Authorization> run(DomainValidationRequest r) {
        return ownership.validAccount(r.accountId()).compose(account -> ownership
                .authorization(account.id(), r.authorizationId())
                .compose(authz -> start(account, authz, r)));
    }

    /** BR 3.2.2.4.4: a new email to the address of the pending constructed-email validation. */
    public Future<Authorization> resend(String accountId, String authorizationId) {
        return ownership.validAccount(accountId).compose(account -> ownership
                .authorization(account.id(), authorizationId)
                .compose(authz -> {
                    Challenge pending = authz.challenges().stream()
                            .filter(c -> Challenge.CONSTRUCTED_EMAIL.equals(c.type())
                                    && c.status() == ChallengeStatus.PENDING)
                            .findFirst()
                            .orElseThrow(() -> new CaException(ErrorKind.MALFORMED, "authorization " + authz.id()
                                    + " has no pending email validation to resend; start one"));
                    requireStartable(authz);
                    link.methods().requireAllowed(Challenge.CONSTRUCTED_EMAIL, name(authz), ctx.now());
                    return mail(account, authz, pending.target(), "validation.email.resent");
                }));
    }

    private Future<Authorization> start(Account account, Authorization authz, DomainValidationRequest r) {
        requireStartable(authz);
        Identifier name = name(authz);
        Instant now = ctx.now();
        link.methods().requireAllowed(r.method(), name, now);
        DomainValidationServices services = link.services();
        switch (r.method()) {
            case Challenge.CONSTRUCTED_EMAIL -> {
                String address = DomainValidationMethods.requireConstructedAddress(name, r.emailAddress());
                return mail(account, authz, address, "validation.email.sent");
            }
            case Challenge.WEBSITE_CHANGE -> {
                Challenge c = new Challenge(RandomTokens.id(), Challenge.WEBSITE_CHANGE, RandomTokens.challengeToken(),
                        ChallengeStatus.PENDING, null, null, List.of(),
                        PKI_VALIDATION + RandomTokens.id() + ".txt", now);
                return replace(authz, c).compose(updated -> audited(account, updated, c, "validation.file.issued",
                        c.target()));
            }
            default -> {
                if (services.registrants() == null) {
                    throw new CaException(ErrorKind.SERVER_INTERNAL, "the registrant lookup is not set up");
                }
                if (r.applicantName() == null || r.applicantName().isBlank()) {
                    throw new CaException(ErrorKind.MALFORMED,
                            "the registrant check needs the applicant's name to compare with the registrant");
                }
                Challenge c = new Challenge(RandomTokens.id(), Challenge.DOMAIN_CONTACT, RandomTokens.id(),
                        ChallengeStatus.PENDING, null, null, List.of(), r.applicantName().strip(), now);
                return replace(authz, c)
                        .compose(updated -> audited(account, updated, c, "validation.registrant.started", c.target()))
                        .compose(updated -> check.start(updated, c));
            }
        }
    }

    private Future<Authorization> mail(Account account, Authorization authz, String address, String event) {
        if (link.services().mail() == null) {
            throw new CaException(ErrorKind.SERVER_INTERNAL,
                    "this CA sends no email, so it cannot validate by email; use the website or DNS method");
        }
        Instant now = ctx.now();
        String value = RandomTokens.challengeToken();
        Challenge c = new Challenge(RandomTokens.id(), Challenge.CONSTRUCTED_EMAIL, ValidationEmail.digest(value),
                ChallengeStatus.PENDING, null, null, List.of(), address, now);
        return replace(authz, c)
                .compose(updated -> ValidationEmail.send(link.services(), updated, address, value, now)
                        .recover(e -> {
                            LOG.warn("validation email to {} for authorization {} not sent", address, authz.id(), e);
                            return Future.failedFuture(new CaException(ErrorKind.SERVER_INTERNAL, "the validation"
                                    + " email to " + address + " could not be sent; try resending it"));
                        })
                        .compose(v -> audited(account, updated, c, event, address)));
    }

    private Future<Authorization> replace(Authorization authz, Challenge c) {
        return ctx.authorizations().replaceDomainValidation(authz.id(), c).map(updated -> updated.orElseThrow(() ->
                new CaException(ErrorKind.CONFLICT, "authorization " + authz.id() + " changed meanwhile (a"
                        + " validation may be under way); fetch it and try again")));
    }

    private Future<Authorization> audited(Account account, Authorization authz, Challenge c, String event,
            String target) {
        return ctx.audit().record(event, AuditTrail.account(account.id()), authz.id(), Map.of(
                "identifier", name(authz).value(),
                "method", c.type(),
                "brSection", DomainValidationMethods.brSection(c.type()),
                "challengeId", c.id(),
                "target", target)).map(authz);
    }

    private void requireStartable(Authorization authz) {
        if (authz.status() != AuthorizationStatus.PENDING) {
            throw new CaException(ErrorKind.MALFORMED, "authorization " + authz.id() + " is "
                    + authz.status().wire() + "; only a pending one can be validated");
        }
        if (!authz.expires().isAfter(ctx.now())) {
            throw new CaException(ErrorKind.MALFORMED,
                    "the authorization expired at " + authz.expires() + "; create a new order");
        }
        if (authz.challenges().stream().anyMatch(c -> c.status() == ChallengeStatus.PROCESSING)) {
            throw new CaException(ErrorKind.CONFLICT, "a validation of authorization " + authz.id()
                    + " is under way; wait for its outcome");
        }
    }

    /** The name as ordered: {@code *.} + the identifier for a wildcard authorization. */
    static Identifier name(Authorization authz) {
        return authz.wildcard() ? Identifier.dns("*." + authz.identifier().value()) : authz.identifier();
    }
}
