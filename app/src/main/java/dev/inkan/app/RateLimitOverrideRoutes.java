package dev.inkan.app;

import dev.inkan.core.port.RateLimitOverrides;
import dev.inkan.ra.limit.RateLimitConfig;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.HashMap;
import java.util.Map;

/**
 * Staff set per-account and per-reseller rate-limit overrides on the loopback staff endpoint; they are stored, so
 * every front end on the store applies them (within {@code RateLimits.OVERRIDES_FRESH}).
 *
 * <pre>{@code
 * POST /admin/rate-limit-overrides {"reseller": "r-1", "counts": {"newOrdersPerAccount": 5000}}
 * POST /admin/rate-limit-overrides {"account": "k3x9", "counts": {}}      (removes the account's overrides)
 * GET  /admin/rate-limit-overrides?account=k3x9                          (what that account gets)
 * }</pre>
 */
final class RateLimitOverrideRoutes {
    private RateLimitOverrideRoutes() {}

    static void mount(Router router, RateLimitOverrides overrides) {
        router.post("/admin/rate-limit-overrides").handler(ctx -> {
            JsonObject body = ctx.body().asJsonObject();
            Future<JsonObject> done;
            try {
                done = set(overrides, body == null ? new JsonObject() : body);
            } catch (IllegalArgumentException | ClassCastException e) {
                done = Future.failedFuture(new IllegalArgumentException(e.getMessage()));
            }
            done.onSuccess(json -> reply(ctx, 200, json))
                    .onFailure(e -> reply(ctx, e instanceof IllegalArgumentException ? 400 : 500,
                            new JsonObject().put("error", String.valueOf(e.getMessage()))));
        });
        router.get("/admin/rate-limit-overrides").handler(ctx -> {
            String account = ctx.queryParams().get("account");
            if (account == null || account.isBlank()) {
                reply(ctx, 400, new JsonObject().put("error", "name the account: ?account=<id>"));
                return;
            }
            overrides.forAccount(account)
                    .onSuccess(m -> reply(ctx, 200, new JsonObject().put("account", account)
                            .put("counts", new JsonObject(new HashMap<>(m)))))
                    .onFailure(e -> reply(ctx, 500, new JsonObject().put("error", String.valueOf(e.getMessage()))));
        });
    }

    static Future<JsonObject> set(RateLimitOverrides overrides, JsonObject body) {
        String account = body.getString("account");
        String reseller = body.getString("reseller");
        if ((account == null) == (reseller == null)) {
            throw new IllegalArgumentException("name either \"account\" or \"reseller\"");
        }
        JsonObject given = body.getJsonObject("counts", new JsonObject());
        Map<String, Long> counts = new HashMap<>();
        for (String name : given.fieldNames()) {
            if (!RateLimitConfig.NAMES.contains(name)) {
                throw new IllegalArgumentException("no rate limit is called \"" + name + "\"; the limits are "
                        + new java.util.TreeSet<>(RateLimitConfig.NAMES));
            }
            Long n = given.getLong(name);
            if (n == null || n < 0) {
                throw new IllegalArgumentException(name + " must be a count of at least 0");
            }
            counts.put(name, n);
        }
        Future<Void> stored = account != null ? overrides.setAccount(account, counts)
                : overrides.setReseller(reseller, counts);
        return stored.map(v -> new JsonObject().put(account != null ? "account" : "reseller",
                account != null ? account : reseller).put("counts", new JsonObject(new HashMap<>(counts))));
    }

    private static void reply(RoutingContext ctx, int status, JsonObject json) {
        ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(json.encode());
    }
}
