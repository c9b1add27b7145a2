package dev.inkan.ra.op;

import dev.inkan.core.error.CaException;
import dev.inkan.core.error.ErrorKind;
import dev.inkan.core.error.Problem;
import dev.inkan.core.model.Authorization;
import dev.inkan.core.model.AuthorizationStatus;
import dev.inkan.core.model.Challenge;
import dev.inkan.core.model.ChallengeStatus;
import dev.inkan.core.model.ValidationRecord;
import dev.inkan.core.port.RegistrantLookup;
import dev.inkan.core.port.ValidationAuthority.ValidationOutcome;
import dev.inkan.core.port.ValidationAuthority.ValidationRequest;
import dev.inkan.ra.policy.DomainValidationMethods;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Checks a pending website-change (BR 3.2.2.4.18, through the validation authority and so corroborated from the
 * remote perspectives, BR 3.2.2.9) or domain-contact validation (BR 3.2.2.4.12, the registrant looked up through RDAP
 * or WHOIS) in the background; the challenge is PROCESSING until the outcome is recorded.
 */
public final class CheckDomainValidationOperation {
    private final OperationContext ctx;
    private final Ownership ownership;
    private final DomainValidationLink link;
    private final ChallengeValidation validation;
    private final UnaryOperator<String> accountUrls;

    public CheckDomainValidationOperation(OperationContext ctx, Ownership ownership, DomainValidationLink link,
            ChallengeValidation validation, UnaryOperator<String> accountUrls) {
        this.ctx = ctx;
        this.ownership = ownership;
        this.link = link;
        this.validation = validation;
        this.accountUrls = accountUrls;
    }

    public Future<Authorization> run(String accountId, String authorizationId) {
        return ownership.validAccount(accountId).compose(account -> ownership
                .authorization(account.id(), authorizationId)
                .compose(this::check));
    }

    private Future<Authorization> check(Authorization authz) {
        Instant now = ctx.now();
        // a check whose process died with it (overdue) is run again
        boolean underWay = authz.challenges().stream()
                .anyMatch(c -> c.status() == ChallengeStatus.PROCESSING && !c.lapsed(now));
        if (authz.status() != AuthorizationStatus.PENDING || underWay) {
            return Future.succeededFuture(authz);
        }
        Challenge c = authz.challenges().stream()
                .filter(x -> (Challenge.WEBSITE_CHANGE.equals(x.type()) || Challenge.DOMAIN_CONTACT.equals(x.type()))
                        && (x.status() == ChallengeStatus.PENDING || x.lapsed(now)))
                .findFirst()
                .orElseThrow(() -> new CaException(ErrorKind.MALFORMED, "authorization " + authz.id()
                        + " has no website or registrant validation to check; start one first"));
        if (!authz.expires().isAfter(ctx.now())) {
            throw new CaException(ErrorKind.MALFORMED,
                    "the authorization expired at " + authz.expires() + "; create a new order");
        }
        link.methods().requireAllowed(c.type(), StartDomainValidationOperation.name(authz), ctx.now());
        if (Challenge.WEBSITE_CHANGE.equals(c.type()) && !ctx.now().isBefore(DomainValidationMethods.valueExpires(c))) {
            throw new CaException(ErrorKind.UNAUTHORIZED, "the random value issued at " + c.valueIssued()
                    + " expired at " + DomainValidationMethods.valueExpires(c)
                    + " (CP 002 §3.2.2.4: 10 days); start the website validation again for a new one");
        }
        return start(authz, c);
    }

    /** Moves the challenge to PROCESSING and checks in the background; returns at once. */
    Future<Authorization> start(Authorization authz, Challenge c) {
        return validation.claim(authz, c).compose(started -> {
            if (started.isEmpty()) {
                return ownership.authorization(authz.accountId(), authz.id());
            }
            String accountUrl = accountUrls.apply(authz.accountId());
            if (Challenge.WEBSITE_CHANGE.equals(c.type())) {
                // The validators read the file name from the token and the expected content from keyAuthorization.
                String file = c.target().substring(StartDomainValidationOperation.PKI_VALIDATION.length());
                ValidationRequest request = new ValidationRequest(authz.identifier(), Challenge.WEBSITE_CHANGE, file,
                        c.token(), accountUrl);
                validation.startWith(started.get(), c, accountUrl, () -> ctx.validationAuthority().validate(request));
            } else {
                validation.startWith(started.get(), c, accountUrl, () -> registrant(authz, c));
            }
            return Future.succeededFuture(started.get());
        });
    }

    /** BR 3.2.2.4.12: the applicant is the Domain Contact of the Base Domain Name. */
    private Future<ValidationOutcome> registrant(Authorization authz, Challenge c) {
        RegistrantLookup registrants = link.services().registrants();
        String domain = DomainValidationMethods.registrable(authz.identifier().value());
        String section = DomainValidationMethods.brSection(Challenge.DOMAIN_CONTACT);
        return registrants.compare(domain, c.target()).map(cmp -> {
            RegistrantLookup.Registrant r = cmp.registrant();
            ValidationRecord record = new ValidationRecord(Challenge.DOMAIN_CONTACT, section, domain, r.source(),
                    List.of(), null, "registrant " + r.names() + " by " + r.protocol() + " at " + r.fetchedAt()
                            + "; applicant \"" + c.target() + "\": " + cmp.detail(),
                    "primary", ctx.now());
            Problem problem = cmp.consistent() ? null : Problem.of(ErrorKind.UNAUTHORIZED, "The registrant of "
                    + domain + " (" + String.join(" / ", r.names()) + ", from " + r.source()
                    + ") is not the applicant \"" + c.target() + "\"");
            return new ValidationOutcome(cmp.consistent(), problem, List.of(record));
        }).recover(e -> Future.succeededFuture(new ValidationOutcome(false, CaException.problemOf(e), List.of(
                new ValidationRecord(Challenge.DOMAIN_CONTACT, section, domain, null, List.of(), null,
                        "no registrant data: " + e.getMessage(), "primary", ctx.now())))));
    }
}
