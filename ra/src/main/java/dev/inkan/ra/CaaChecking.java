package dev.inkan.ra;

import dev.inkan.core.port.CaaCheckStore;
import dev.inkan.core.port.CaaChecker;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * What the RA needs for CAA (BR 3.2.2.8): the checker, where every check is stored, and each account's URL as ACME
 * clients know it (RFC 8657 {@code accounturi}), for a recheck at finalize, when no request carries the URL.
 *
 * @param accountUrls account id to account URL
 */
public record CaaChecking(CaaChecker checker, CaaCheckStore checks, UnaryOperator<String> accountUrls) {
    public CaaChecking {
        Objects.requireNonNull(checker, "checker");
        Objects.requireNonNull(checks, "checks");
        Objects.requireNonNull(accountUrls, "accountUrls");
    }
}
