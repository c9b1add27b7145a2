package dev.inkan.app;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.ext.web.Router;
import io.vertx.micrometer.PrometheusScrapingHandler;

/**
 * What operators' tools read, without credentials and without changing anything: {@code GET /metrics} (Prometheus
 * text format), {@code GET /health/live} (the process answers) and {@code GET /health/ready} (200 when every
 * dependency is usable, else 503, with each check's result as JSON).
 */
final class OperationsRoutes {
    private final PrometheusMeterRegistry registry;
    private final Readiness readiness;

    OperationsRoutes(PrometheusMeterRegistry registry, Readiness readiness) {
        this.registry = registry;
        this.readiness = readiness;
    }

    void mount(Router router) {
        router.get("/metrics").handler(PrometheusScrapingHandler.create(registry));
        router.get("/health/live").handler(ctx -> ctx.response().putHeader("Content-Type", "application/json")
                .putHeader("Cache-Control", "no-store").end("{\"live\":true}"));
        router.get("/health/ready").handler(ctx -> readiness.evaluate().onComplete(ar -> {
            boolean ready = ar.succeeded() && ar.result().getBoolean("ready");
            ctx.response().setStatusCode(ready ? 200 : 503).putHeader("Content-Type", "application/json")
                    .putHeader("Cache-Control", "no-store")
                    .end(ar.succeeded() ? ar.result().encode() : "{\"ready\":false}");
        }));
    }
}
