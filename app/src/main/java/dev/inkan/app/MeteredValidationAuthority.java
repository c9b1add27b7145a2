package dev.inkan.app;

import dev.inkan.core.port.Metrics;
import dev.inkan.core.port.ValidationAuthority;
import io.vertx.core.Future;

/** Counts each domain control check by method (the challenge type) and outcome. */
final class MeteredValidationAuthority implements ValidationAuthority {
    private final ValidationAuthority validators;
    private final Metrics metrics;

    MeteredValidationAuthority(ValidationAuthority validators, Metrics metrics) {
        this.validators = validators;
        this.metrics = metrics;
    }

    @Override
    public Future<ValidationOutcome> validate(ValidationRequest request) {
        Future<ValidationOutcome> checked;
        try {
            checked = validators.validate(request);
        } catch (RuntimeException e) {
            checked = Future.failedFuture(e);
        }
        return checked.onComplete(ar -> metrics.validation(request.challengeType(),
                ar.failed() ? "error" : ar.result().valid() ? "valid" : "invalid"));
    }
}
