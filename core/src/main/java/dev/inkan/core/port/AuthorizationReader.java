package dev.inkan.core.port;

import dev.inkan.core.model.Authorization;
import io.vertx.core.Future;
import java.util.List;
import java.util.Optional;

/** Read-only view of authorizations, for the front ends. */
public interface AuthorizationReader {
    Future<Optional<Authorization>> byId(String id);

    /** The authorizations with these ids, in the order given; missing ones are left out. */
    Future<List<Authorization>> byIds(List<String> ids);
}
