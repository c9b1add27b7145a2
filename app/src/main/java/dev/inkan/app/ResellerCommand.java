package dev.inkan.app;

import dev.inkan.core.error.CaException;
import dev.inkan.core.reseller.ApiKey;
import dev.inkan.core.reseller.Reseller;
import dev.inkan.orderapi.ResellerAdministration;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ConnectException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/**
 * {@code inkan reseller create|list|keys|key-create|key-rotate|key-revoke}: the operator's reseller commands
 * (CP 002 §1.3). While the server runs they go through its loopback staff endpoint (the embedded store has one
 * owner); otherwise they open the store directly. A new API key is printed once and never again.
 */
final class ResellerCommand {
    static final String USAGE = """
            usage: inkan reseller create --name NAME --email ADDRESS [--orders-per-day N] [--names-per-order N]
                   inkan reseller list
                   inkan reseller keys --reseller ID
                   inkan reseller key-create --reseller ID
                   inkan reseller key-rotate --reseller ID [--overlap-hours H]
                   inkan reseller key-revoke --reseller ID --key KEY_ID""";

    private final Settings settings;
    private final PrintStream out;
    private final Clock clock;

    ResellerCommand(Settings settings, PrintStream out, Clock clock) {
        this.settings = settings;
        this.out = out;
        this.clock = clock;
    }

    /** @return the exit code: 0 done, 1 refused or failed, 2 bad arguments */
    int run(String[] args) {
        if (args.length == 0) {
            out.println(USAGE);
            return 2;
        }
        String op = args[0];
        Map<String, String> opts;
        try {
            opts = StaffCommand.options(java.util.Arrays.copyOfRange(args, 1, args.length));
        } catch (IllegalArgumentException e) {
            out.println("inkan reseller: " + e.getMessage());
            return 2;
        }
        JsonObject request = new JsonObject();
        opts.forEach(request::put);
        if (!java.util.Set.of("create", "list", "keys", "key-create", "key-rotate", "key-revoke").contains(op)) {
            out.println(USAGE);
            return 2;
        }
        Path adminFile = settings.home().resolve(AdminListener.FILE);
        JsonObject answer;
        try {
            if (Files.isRegularFile(adminFile)) {
                try {
                    answer = throughServer(op, adminFile, request);
                } catch (ConnectException e) {
                    answer = direct(op, request);
                }
            } else {
                answer = direct(op, request);
            }
        } catch (IOException e) {
            out.println("inkan reseller " + op + ": the server's staff endpoint failed: " + e.getMessage());
            return 1;
        }
        if (answer.containsKey("error")) {
            out.println("inkan reseller " + op + ": " + answer.getString("error") + ": " + answer.getString("detail"));
            return 1;
        }
        print(op, answer);
        return 0;
    }

    private void print(String op, JsonObject a) {
        switch (op) {
            case "create" -> {
                out.println("reseller: " + a.getString("id"));
                out.println("name: " + a.getString("name") + ", notices to " + a.getString("email")
                        + ", quotas " + a.getInteger("ordersPerDay") + " orders/day, "
                        + a.getInteger("namesPerOrder") + " names/order");
                out.println("next: ./inkan reseller key-create --reseller " + a.getString("id"));
            }
            case "list" -> a.getJsonArray("resellers").forEach(o -> {
                JsonObject r = (JsonObject) o;
                out.println(r.getString("id") + "  " + r.getString("name") + "  " + r.getString("email") + "  "
                        + r.getInteger("ordersPerDay") + "/day " + r.getInteger("namesPerOrder") + " names/order");
            });
            case "keys" -> a.getJsonArray("keys").forEach(o -> {
                JsonObject k = (JsonObject) o;
                out.println(k.getString("id") + "  created " + k.getString("createdAt")
                        + (k.getString("revokedAt") != null ? "  revoked " + k.getString("revokedAt")
                                : k.getString("expiresAt") != null ? "  works until " + k.getString("expiresAt")
                                : "  current"));
            });
            case "key-revoke" -> out.println("revoked key " + a.getString("id") + " at " + a.getString("revokedAt")
                    + "; requests with it now get 401");
            default -> {
                out.println("api key: " + a.getString("token"));
                out.println("key id: " + a.getString("id"));
                out.println("This is the only time the key is shown; the CA keeps only its SHA-256.");
                if (op.equals("key-rotate")) {
                    out.println("The previous key keeps working until " + a.getString("previousUntil") + ".");
                }
            }
        }
    }

    private JsonObject throughServer(String op, Path adminFile, JsonObject request) throws IOException {
        return StaffEndpointClient.post(adminFile, "reseller/" + op, request).body();
    }

    private JsonObject direct(String op, JsonObject request) {
        return OperatorStoreAccess.run(settings, clock, (vertx, storage) -> perform(
                new ResellerAdministration(storage.resellerStores().resellers(), clock), op, request)
                .recover(e -> Future.succeededFuture(error(e))));
    }

    /** The staff endpoint's reseller routes, for a running server. */
    static void mount(Router router, ResellerAdministration admin) {
        router.post("/admin/reseller/:op").handler(ctx -> {
            JsonObject body = ctx.body().asJsonObject() == null ? new JsonObject() : ctx.body().asJsonObject();
            perform(admin, ctx.pathParam("op"), body).recover(e -> Future.succeededFuture(error(e)))
                    .onSuccess(json -> reply(ctx, json));
        });
    }

    private static void reply(RoutingContext ctx, JsonObject json) {
        ctx.response().setStatusCode(json.containsKey("error") ? 400 : 200)
                .putHeader("Content-Type", "application/json").end(json.encode());
    }

    static Future<JsonObject> perform(ResellerAdministration admin, String op, JsonObject r) {
        try {
            return switch (op) {
                case "create" -> admin.create(r.getString("name"), r.getString("email"),
                        integer(r, "orders-per-day", 100), integer(r, "names-per-order", 10)).map(ResellerCommand::json);
                case "list" -> admin.list().map(all -> new JsonObject().put("resellers",
                        new JsonArray(all.stream().map(ResellerCommand::json).map(Object.class::cast).toList())));
                case "keys" -> admin.keys(required(r, "reseller")).map(all -> new JsonObject().put("keys",
                        new JsonArray(all.stream().map(ResellerCommand::json).map(Object.class::cast).toList())));
                case "key-create" -> admin.createKey(required(r, "reseller"))
                        .map(k -> json(k.key()).put("token", k.token()));
                case "key-rotate" -> {
                    Duration overlap = r.containsKey("overlap-hours")
                            ? Duration.ofHours(integer(r, "overlap-hours", 0)) : ResellerAdministration.DEFAULT_OVERLAP;
                    String reseller = required(r, "reseller");
                    yield admin.rotateKey(reseller, overlap).compose(k -> admin.keys(reseller).map(all -> {
                        String until = all.stream().filter(x -> x.expiresAt() != null && x.revokedAt() == null)
                                .map(x -> x.expiresAt().toString()).reduce((a, b) -> b).orElse("");
                        return json(k.key()).put("token", k.token()).put("previousUntil", until);
                    }));
                }
                case "key-revoke" -> admin.revokeKey(required(r, "reseller"), required(r, "key"))
                        .map(ResellerCommand::json);
                default -> Future.failedFuture(new IllegalArgumentException("unknown reseller command " + op));
            };
        } catch (IllegalArgumentException e) {
            return Future.failedFuture(e);
        }
    }

    private static String required(JsonObject r, String name) {
        String v = r.getString(name);
        if (v == null || v.isBlank()) {
            throw new IllegalArgumentException("--" + name + " is required");
        }
        return v;
    }

    private static int integer(JsonObject r, String name, int fallback) {
        String v = r.getString(name);
        if (v == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " must be a number, not " + v);
        }
    }

    private static JsonObject error(Throwable e) {
        if (e instanceof CaException ce) {
            return new JsonObject().put("error", StaffCommand.errorName(ce.kind())).put("detail", ce.detail());
        }
        if (e instanceof IllegalArgumentException) {
            return new JsonObject().put("error", "badArguments").put("detail", e.getMessage());
        }
        return new JsonObject().put("error", "serverInternal").put("detail", String.valueOf(e));
    }

    private static JsonObject json(Reseller r) {
        return new JsonObject().put("id", r.id()).put("name", r.name()).put("email", r.email())
                .put("ordersPerDay", r.ordersPerDay()).put("namesPerOrder", r.namesPerOrder());
    }

    private static JsonObject json(ApiKey k) {
        return new JsonObject().put("id", k.id()).put("resellerId", k.resellerId())
                .put("createdAt", k.createdAt().toString())
                .put("expiresAt", k.expiresAt() == null ? null : k.expiresAt().toString())
                .put("revokedAt", k.revokedAt() == null ? null : k.revokedAt().toString());
    }
}
