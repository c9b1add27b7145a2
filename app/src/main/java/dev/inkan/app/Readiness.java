package dev.inkan.app;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Whether this process can do its work now: each of its dependencies answers (the store always; the HSM and the CT
 * log list for a signer). A load balancer sends no traffic to a process that is not ready; an orchestrator restarts
 * one that is not live, which readiness never implies.
 */
final class Readiness {
    /** One dependency: its name and a check that never fails, answering true when it is usable. */
    record Check(String name, Supplier<Future<Boolean>> usable) {}

    /** Checks join as their dependency starts (a signer's HSM once it holds the lease), while probes read it. */
    private final List<Check> checks = new java.util.concurrent.CopyOnWriteArrayList<>();

    Readiness add(String name, Supplier<Future<Boolean>> usable) {
        checks.add(new Check(name, usable));
        return this;
    }

    /** {@code {"ready": bool, "checks": {"store": bool, ...}}} */
    Future<JsonObject> evaluate() {
        Map<String, Future<Boolean>> running = new LinkedHashMap<>();
        for (Check c : checks) {
            Future<Boolean> f;
            try {
                f = c.usable().get();
            } catch (RuntimeException e) {
                f = Future.succeededFuture(false);
            }
            running.put(c.name(), f.otherwise(false));
        }
        return Future.join(new ArrayList<>(running.values())).transform(ignored -> {
            JsonObject results = new JsonObject();
            boolean ready = true;
            for (Map.Entry<String, Future<Boolean>> e : running.entrySet()) {
                boolean ok = e.getValue().succeeded() && Boolean.TRUE.equals(e.getValue().result());
                results.put(e.getKey(), ok);
                ready &= ok;
            }
            return Future.succeededFuture(new JsonObject().put("ready", ready).put("checks", results));
        });
    }
}
