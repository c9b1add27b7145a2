package dev.inkan.ca.profile;

import io.vertx.core.Future;
import java.util.Optional;

/** The vetted organization an account is bound to, for OV subjects. Empty when the account has none. */
@FunctionalInterface
public interface OrganizationSubjects {
    Future<Optional<OrganizationSubject>> forAccount(String accountId);

    /** Until organization vetting is wired in: no account has a vetted organization, so OV is refused. */
    static OrganizationSubjects none() {
        return accountId -> Future.succeededFuture(Optional.empty());
    }
}
