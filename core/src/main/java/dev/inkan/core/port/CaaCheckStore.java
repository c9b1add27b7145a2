package dev.inkan.core.port;

import dev.inkan.core.model.CaaCheck;
import io.vertx.core.Future;
import java.util.List;
import java.util.Optional;

/** Every CAA check made, append-only: the evidence BR 3.2.2.8 and SC-099 ask for, and when a name was last checked. */
public interface CaaCheckStore {
    Future<Void> insert(CaaCheck check);

    /** The most recent check made for this authorization (by {@code checkedAt}), if any. */
    Future<Optional<CaaCheck>> latestFor(String authorizationId);

    /** Every check made for this authorization, oldest first. */
    Future<List<CaaCheck>> forAuthorization(String authorizationId);
}
