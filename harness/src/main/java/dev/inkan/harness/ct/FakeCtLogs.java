package dev.inkan.harness.ct;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A set of fake CT logs and the Chrome v3 log list that names them, for the sandbox and for tests. Every log is
 * Usable and unsharded (its temporal interval covers the next ten years).
 */
public final class FakeCtLogs {
    /** One log to start. */
    public record Spec(String description, String operator, boolean staticCt) {}

    private final List<FakeCtLog> logs;
    private final Clock clock;

    private FakeCtLogs(List<FakeCtLog> logs, Clock clock) {
        this.logs = List.copyOf(logs);
        this.clock = clock;
    }

    /** The sandbox's three RFC 6962 logs: two of operator "Inkan Sandbox CT A", one of "Inkan Sandbox CT B". */
    public static List<Spec> sandbox() {
        return List.of(new Spec("Inkan Sandbox Log A1", "Inkan Sandbox CT A", false),
                new Spec("Inkan Sandbox Log A2", "Inkan Sandbox CT A", false),
                new Spec("Inkan Sandbox Log B1", "Inkan Sandbox CT B", false));
    }

    /** Starts each log on a free port of 127.0.0.1; if one fails, the others are stopped. */
    public static Future<FakeCtLogs> start(Vertx vertx, List<Spec> specs, Clock clock) {
        List<FakeCtLog> started = new ArrayList<>();
        Future<Void> f = Future.succeededFuture();
        for (Spec s : specs) {
            f = f.compose(v -> FakeCtLog.start(vertx, s.description(), s.operator(), s.staticCt(), "127.0.0.1", 0,
                    clock).map(l -> {
                        started.add(l);
                        return null;
                    }));
        }
        return f.map(v -> new FakeCtLogs(started, clock))
                .recover(e -> new FakeCtLogs(started, clock).stop().transform(x -> Future.failedFuture(e)));
    }

    public List<FakeCtLog> logs() {
        return logs;
    }

    public Future<Void> stop() {
        return Future.join(logs.stream().map(FakeCtLog::stop).toList()).mapEmpty();
    }

    /** Chrome's log list v3: operators with their {@code logs} (RFC 6962) and {@code tiled_logs} (static-ct-api). */
    public JsonObject logList() {
        Instant now = clock.instant();
        Map<String, JsonObject> operators = new LinkedHashMap<>();
        for (FakeCtLog l : logs) {
            JsonObject op = operators.computeIfAbsent(l.operator(), name -> new JsonObject().put("name", name)
                    .put("email", new JsonArray().add("ct@example.invalid"))
                    .put("logs", new JsonArray()).put("tiled_logs", new JsonArray()));
            JsonObject log = new JsonObject()
                    .put("description", l.description())
                    .put("log_id", Base64.getEncoder().encodeToString(l.logId()))
                    .put("key", Base64.getEncoder().encodeToString(l.publicKeyDer()))
                    .put("mmd", l.isStaticCt() ? 60 : 86400)
                    .put("state", new JsonObject().put("usable",
                            new JsonObject().put("timestamp", now.minusSeconds(86400).toString())))
                    .put("temporal_interval", new JsonObject()
                            .put("start_inclusive", now.minusSeconds(86400 * 365L).toString())
                            .put("end_exclusive", now.plusSeconds(86400 * 3650L).toString()));
            if (l.isStaticCt()) {
                op.getJsonArray("tiled_logs").add(log.put("submission_url", l.url()).put("monitoring_url", l.url()));
            } else {
                op.getJsonArray("logs").add(log.put("url", l.url()));
            }
        }
        return new JsonObject().put("version", "inkan-sandbox")
                .put("log_list_timestamp", now.toString())
                .put("operators", new JsonArray(new ArrayList<>(operators.values())));
    }
}
