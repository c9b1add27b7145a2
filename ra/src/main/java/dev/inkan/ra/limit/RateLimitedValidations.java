package dev.inkan.ra.limit;

import dev.inkan.core.error.CaException;
import dev.inkan.core.port.ValidationAuthority;
import io.vertx.core.Future;
import java.util.List;

/**
 * The failed-validations limit around the validation authority: a name this account failed to validate too often
 * lately is not validated again (no connection is made) until the window ends, and every failure is counted.
 */
public final class RateLimitedValidations implements ValidationAuthority {
    private final ValidationAuthority next;
    private final RateLimits limits;

    public RateLimitedValidations(ValidationAuthority next, RateLimits limits) {
        this.next = next;
        this.limits = limits;
    }

    @Override
    public Future<ValidationOutcome> validate(ValidationRequest request) {
        String account = request.accountUrl() == null ? "" : request.accountUrl();
        String name = request.identifier().value();
        return limits.validationAllowed(account, name)
                .compose(v -> next.validate(request))
                .compose(outcome -> outcome.valid() ? Future.succeededFuture(outcome)
                        : limits.validationFailed(account, name).map(outcome)
                                .recover(e -> Future.succeededFuture(outcome)),
                        refused -> Future.succeededFuture(new ValidationOutcome(false,
                                CaException.problemOf(refused), List.of())));
    }
}
