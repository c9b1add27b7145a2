package dev.inkan.orderapi;

import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import io.vertx.openapi.validation.ValidatorException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Writes replies and problems (RFC 9457, {@code application/problem+json}) for every route and every failure. */
final class Respond {
    private static final Logger LOG = LoggerFactory.getLogger(Respond.class);

    private Respond() {}

    static void with(RoutingContext ctx, Future<Reply> reply) {
        reply.onComplete(ar -> {
            if (ar.succeeded()) {
                write(ctx, ar.result());
            } else {
                problem(ctx, ar.cause());
            }
        });
    }

    static void write(RoutingContext ctx, Reply r) {
        if (ctx.response().ended()) {
            return;
        }
        ctx.response().setStatusCode(r.status()).putHeader("Content-Type", r.contentType())
                .putHeader("Cache-Control", "no-store");
        if (r.location() != null) {
            ctx.response().putHeader("Location", r.location());
        }
        ctx.response().end(r.body());
    }

    /** The router's failure handler: whatever failed, a problem document. */
    static void failure(RoutingContext ctx) {
        Throwable t = ctx.failure();
        if (t == null) {
            problem(ctx, statusOnly(ctx.statusCode()));
            return;
        }
        problem(ctx, t);
    }

    static ApiException statusOnly(int status) {
        return switch (status) {
            case 404 -> ApiProblem.of(404, "notFound", "Not found", "no such resource in this API; see /api/v1/openapi.json");
            case 405 -> ApiProblem.of(405, "methodNotAllowed", "Method not allowed", "this resource does not take that method");
            case 413 -> ApiProblem.of(413, "tooLarge", "Request too large", "the body is larger than the API accepts");
            case 415 -> ApiProblem.of(415, "unsupportedMediaType", "Unsupported media type", "send application/json");
            case 400 -> ApiProblem.badRequest("the request does not match the API document");
            default -> ApiProblem.of(status >= 400 ? status : 500, "serverInternal", "Internal error",
                    "the CA could not complete the request; it may be retried");
        };
    }

    static void problem(RoutingContext ctx, Throwable t) {
        if (t instanceof io.vertx.ext.web.handler.HttpException h) {
            t = h.getCause() instanceof ValidatorException v ? v : statusOnly(h.getStatusCode());
        }
        ApiProblem p;
        if (t instanceof ValidatorException v) {
            // vertx-openapi's own words say which parameter or body member is wrong and how
            p = new ApiProblem(400, ApiProblem.PREFIX + "malformed", "The request does not match the API document",
                    v.getMessage(), 0);
        } else {
            p = ApiProblem.from(t);
        }
        if (p.status() >= 500) {
            LOG.error("{} {} failed", ctx.request().method(), ctx.request().path(), t);
        }
        if (ctx.response().ended()) {
            return;
        }
        if (p.status() == 401) {
            ctx.response().putHeader("WWW-Authenticate", "Bearer realm=inkan");
        }
        if (p.status() == 429) {
            ctx.response().putHeader("Retry-After", String.valueOf(Math.max(1, p.retryAfterSeconds())));
        }
        ctx.response().setStatusCode(p.status()).putHeader("Content-Type", Reply.PROBLEM)
                .putHeader("Cache-Control", "no-store")
                .end(p.json(ctx.request().path()).encode());
    }
}
