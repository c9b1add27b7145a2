package dev.inkan.ra.fake;

import dev.inkan.core.error.ErrorKind;
import dev.inkan.core.error.Problem;
import dev.inkan.core.model.CaaResult;
import dev.inkan.core.model.Identifier;
import dev.inkan.core.port.CaaChecker;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Permits unless told to refuse a name; answers with the TTL it was given; remembers every request. */
public final class ScriptedCaaChecker implements CaaChecker {
    private final Clock clock;
    private final Map<String, Problem> refusals = new HashMap<>();
    private final List<CaaRequest> requests = new ArrayList<>();
    private Duration ttl = Duration.ZERO;

    public ScriptedCaaChecker(Clock clock) {
        this.clock = clock;
    }

    public synchronized void refuse(String name, String detail) {
        refusals.put(name, new Problem(ErrorKind.CAA, detail, Identifier.dns(name), List.of()));
    }

    public synchronized void permit(String name) {
        refusals.remove(name);
    }

    public synchronized void ttl(Duration d) {
        ttl = d;
    }

    public synchronized List<CaaRequest> requests() {
        return List.copyOf(requests);
    }

    @Override
    public synchronized Future<CaaResult> check(CaaRequest request) {
        requests.add(request);
        Problem p = refusals.get(request.name());
        return Future.succeededFuture(new CaaResult(request.name(), request.wildcard(), p == null, p,
                p == null ? null : request.name(), p == null ? List.of() : List.of("0 issue \"other-ca.example\""),
                List.of(request.name()), ttl, "unvalidated", "primary", clock.instant()));
    }
}
