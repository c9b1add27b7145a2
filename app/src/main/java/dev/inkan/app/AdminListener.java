package dev.inkan.app;

import dev.inkan.ca.Signer;
import dev.inkan.ca.hsm.TokenSigner;
import dev.inkan.core.error.CaException;
import dev.inkan.core.model.Authorization;
import dev.inkan.core.model.Challenge;
import dev.inkan.core.model.RevocationReason;
import dev.inkan.core.port.RegistrationAuthority;
import dev.inkan.ra.StaffRevocation;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The staff endpoint the {@code inkan revoke} and {@code inkan renew-now} commands talk to while the server runs
 * (the embedded store cannot be opened by a second process). It listens on loopback only and wants the bearer
 * token written, readable by the owner alone, to {@code $INKAN_HOME/admin.json}: whoever can read the CA's home is
 * CA staff. The file is removed on stop.
 */
final class AdminListener {
    static final String FILE = "admin.json";

    private final HttpServer server;
    private final Path file;
    private final Router router;

    private AdminListener(HttpServer server, Path file, Router router) {
        this.server = server;
        this.file = file;
        this.router = router;
    }

    /** Routes added here are behind the same bearer token. */
    Router router() {
        return router;
    }

    static Future<AdminListener> start(Vertx vertx, Settings.Listener at, Path home, StaffRevocation staff,
            Signer signer, RegistrationAuthority ra, ListenerLimits limits) {
        return start(vertx, at, home, staff, signer, ra, limits, null);
    }

    /** @param operations the metrics and health routes, served without the token (they change nothing) */
    static Future<AdminListener> start(Vertx vertx, Settings.Listener at, Path home, StaffRevocation staff,
            Signer signer, RegistrationAuthority ra, ListenerLimits limits, OperationsRoutes operations) {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        Router router = Router.router(vertx);
        if (operations != null) {
            operations.mount(router);
        }
        router.route().handler(ctx -> authorized(ctx, token));
        router.post().handler(BodyHandler.create(false).setBodyLimit(16 * 1024));
        if (staff != null) {
            router.post("/admin/revoke").handler(ctx -> revoke(ctx, staff));
            router.post("/admin/renew-now").handler(ctx -> renewNow(ctx, staff));
        } else {
            // a signer takes no staff operations: the front ends' admin listeners do, over the same store
            router.post("/admin/*").handler(ctx -> reply(ctx, 503, new JsonObject().put("error", "serverInternal")
                    .put("detail", "this process is a signer; run the command where a front end runs")));
        }
        router.get("/admin/hsm").handler(ctx -> hsm(ctx, signer));
        // Staff acting for a subscriber on the validation methods outside ACME (what the reseller API does for its
        // customers): start or switch, check, resend.
        router.post("/admin/domain-validation").handler(ctx -> domainValidation(ctx, ra, "start"));
        router.post("/admin/domain-validation/check").handler(ctx -> domainValidation(ctx, ra, "check"));
        router.post("/admin/domain-validation/resend").handler(ctx -> domainValidation(ctx, ra, "resend"));
        Path file = home.resolve(FILE);
        return limits.server(vertx, new io.vertx.core.http.HttpServerOptions(), router).listen(at.port(), at.host())
                .compose(s -> vertx.executeBlocking(() -> {
                    write(file, new JsonObject().put("url", "http://" + at.host() + ":" + s.actualPort())
                            .put("token", token));
                    return new AdminListener(s, file, router);
                }, false));
    }

    Future<Void> stop(Vertx vertx) {
        return server.close().eventually(() -> vertx.executeBlocking(() -> {
            Files.deleteIfExists(file);
            return null;
        }, false));
    }

    private static void authorized(RoutingContext ctx, String token) {
        String given = ctx.request().getHeader("Authorization");
        byte[] expected = ("Bearer " + token).getBytes(StandardCharsets.US_ASCII);
        if (given == null || !MessageDigest.isEqual(expected, given.getBytes(StandardCharsets.US_ASCII))) {
            reply(ctx, 401, new JsonObject().put("error", "unauthorized")
                    .put("detail", "the bearer token is in " + FILE + " in INKAN_HOME"));
            return;
        }
        ctx.next();
    }

    private static void revoke(RoutingContext ctx, StaffRevocation staff) {
        JsonObject body = body(ctx);
        RevocationReason reason;
        try {
            reason = RevocationReasons.parse(body.getString("reason", "unspecified"));
        } catch (IllegalArgumentException e) {
            reply(ctx, 400, new JsonObject().put("error", "badRevocationReason").put("detail", e.getMessage()));
            return;
        }
        staff.revoke(body.getString("serial"), reason, body.getString("staff")).onComplete(ar -> {
            if (ar.failed()) {
                failed(ctx, ar.cause());
                return;
            }
            reply(ctx, 200, new JsonObject().put("serial", ar.result().serial())
                    .put("reason", RevocationReasons.name(ar.result().revocationReason()))
                    .put("revokedAt", ar.result().revokedAt().toString())
                    .put("issuerId", ar.result().issuerId()));
        });
    }

    private static void renewNow(RoutingContext ctx, StaffRevocation staff) {
        JsonObject body = body(ctx);
        staff.flagForRenewal(body.getString("serial"), blankToNull(body.getString("explanationUrl")),
                body.getString("staff")).onComplete(ar -> {
                    if (ar.failed()) {
                        failed(ctx, ar.cause());
                        return;
                    }
                    reply(ctx, 200, new JsonObject().put("serial", ar.result().serial())
                            .put("flaggedAt", ar.result().flaggedAt().toString()));
                });
    }

    // the bench reads this to report the HSM's share of the server's CPU per certificate
    private static void hsm(RoutingContext ctx, Signer signer) {
        if (!(signer instanceof TokenSigner token)) {
            reply(ctx, 404, new JsonObject().put("error", "notFound").put("detail", "no HSM token in this process"));
            return;
        }
        TokenSigner.Usage u = token.usage();
        reply(ctx, 200, new JsonObject().put("signatures", u.signatures()).put("cpuMillis", u.cpuNanos() / 1_000_000));
    }

    private static void domainValidation(RoutingContext ctx, RegistrationAuthority ra, String what) {
        JsonObject b = body(ctx);
        String account = b.getString("accountId");
        String authz = b.getString("authorizationId");
        Future<Authorization> done = switch (what) {
            case "start" -> ra.startDomainValidation(new RegistrationAuthority.DomainValidationRequest(account, authz,
                    b.getString("method"), b.getString("emailAddress"), b.getString("applicantName")));
            case "check" -> ra.checkDomainValidation(account, authz);
            default -> ra.resendValidationEmail(account, authz);
        };
        done.onComplete(ar -> {
            if (ar.failed()) {
                failed(ctx, ar.cause());
                return;
            }
            reply(ctx, 200, authorizationJson(ar.result()));
        });
    }

    /** The authorization with its validations outside ACME; an emailed value is never shown (only its recipient has it). */
    static JsonObject authorizationJson(Authorization a) {
        io.vertx.core.json.JsonArray validations = new io.vertx.core.json.JsonArray();
        for (Challenge c : a.challenges()) {
            if (c.acme()) {
                continue;
            }
            JsonObject v = new JsonObject().put("id", c.id()).put("method", c.type()).put("status", c.status().wire())
                    .put("target", c.target());
            if (c.valueIssued() != null) {
                v.put("valueIssued", c.valueIssued().toString());
            }
            if (Challenge.WEBSITE_CHANGE.equals(c.type())) {
                v.put("value", c.token());
            }
            if (c.error() != null) {
                v.put("error", c.error().kind().acmeName() + ": " + c.error().detail());
            }
            validations.add(v);
        }
        return new JsonObject().put("id", a.id()).put("identifier", a.identifier().value())
                .put("wildcard", a.wildcard()).put("status", a.status().wire()).put("expires", a.expires().toString())
                .put("validations", validations);
    }

    private static JsonObject body(RoutingContext ctx) {
        try {
            return ctx.body().asJsonObject() == null ? new JsonObject() : ctx.body().asJsonObject();
        } catch (RuntimeException e) {
            return new JsonObject();
        }
    }

    private static void failed(RoutingContext ctx, Throwable t) {
        if (t instanceof CaException e) {
            reply(ctx, e.kind().httpStatus(), new JsonObject().put("error", StaffCommand.errorName(e.kind()))
                    .put("detail", e.detail()));
        } else {
            reply(ctx, 500, new JsonObject().put("error", "serverInternal").put("detail", String.valueOf(t)));
        }
    }

    private static void reply(RoutingContext ctx, int status, JsonObject json) {
        ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(json.encode());
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    /** Owner-only from the start: the token is never readable by others, not even for a moment. */
    private static void write(Path file, JsonObject json) throws IOException {
        Path tmp = file.resolveSibling(FILE + ".tmp");
        Files.deleteIfExists(tmp);
        try {
            Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            Files.createFile(tmp);
        }
        Files.writeString(tmp, json.encodePrettily(), StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
