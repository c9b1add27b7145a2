package dev.inkan.ra.fake;

import dev.inkan.core.model.CaaCheck;
import dev.inkan.core.port.CaaCheckStore;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

public final class InMemoryCaaCheckStore implements CaaCheckStore {
    private final List<CaaCheck> checks = new ArrayList<>();

    @Override
    public synchronized Future<Void> insert(CaaCheck check) {
        checks.add(check);
        return Future.succeededFuture();
    }

    @Override
    public synchronized Future<Optional<CaaCheck>> latestFor(String authorizationId) {
        List<CaaCheck> mine = mine(authorizationId);
        return Future.succeededFuture(mine.isEmpty() ? Optional.empty() : Optional.of(mine.get(mine.size() - 1)));
    }

    @Override
    public synchronized Future<List<CaaCheck>> forAuthorization(String authorizationId) {
        return Future.succeededFuture(mine(authorizationId));
    }

    /** Forgets every check: an authorization validated before CAA checks were stored. */
    public synchronized void clear() {
        checks.clear();
    }

    public synchronized List<CaaCheck> all() {
        return List.copyOf(checks);
    }

    private List<CaaCheck> mine(String authorizationId) {
        return checks.stream().filter(c -> c.authorizationId().equals(authorizationId))
                .sorted((a, b) -> a.result().checkedAt().compareTo(b.result().checkedAt())).toList();
    }
}
