package dev.inkan.core.port;

import dev.inkan.core.error.Problem;
import dev.inkan.core.model.Identifier;
import dev.inkan.core.model.ValidationRecord;
import io.vertx.core.Future;
import java.util.List;

/** Checks domain control. It returns what it saw; the RA stores it. It never fails the future for a failed check. */
public interface ValidationAuthority {

    /**
     * @param identifier       the name to check, without {@code *.}
     * @param challengeType    {@code http-01}, {@code dns-01}, ...
     * @param keyAuthorization token + "." + account key thumbprint (RFC 8555 §8.1)
     * @param accountUrl       for RFC 8657 {@code accounturi}
     */
    record ValidationRequest(
            Identifier identifier, String challengeType, String token, String keyAuthorization, String accountUrl) {}

    /** @param error null when valid */
    record ValidationOutcome(boolean valid, Problem error, List<ValidationRecord> records) {
        public ValidationOutcome {
            records = List.copyOf(records);
        }
    }

    Future<ValidationOutcome> validate(ValidationRequest request);
}
