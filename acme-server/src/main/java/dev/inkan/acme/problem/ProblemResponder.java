package dev.inkan.acme.problem;

import dev.inkan.core.error.CaException;
import dev.inkan.core.error.ErrorKind;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place failures become problem documents: our own refusals as they are, the RA's CaException as
 * its kind says, a bare status (body limit, no route) as malformed with that status, anything else as
 * serverInternal with a generic detail and the cause logged (never shown to the client).
 */
public final class ProblemResponder implements Handler<RoutingContext> {
    private static final Logger LOG = LoggerFactory.getLogger(ProblemResponder.class);

    private final long maxBodyBytes;

    public ProblemResponder(long maxBodyBytes) {
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    public void handle(RoutingContext ctx) {
        ProblemException problem = toProblem(ctx.failure(), ctx.statusCode(), ctx);
        HttpServerResponse response = ctx.response();
        if (response.headWritten()) {
            LOG.warn("cannot send problem {} on {}: response already started", problem.getMessage(), ctx.request().uri());
            response.reset();
            return;
        }
        problem.headers().forEach(h -> response.headers().add(h.getKey(), h.getValue()));
        ProblemDocument doc = problem.document();
        response.setStatusCode(doc.status())
                .putHeader("Content-Type", ProblemDocument.CONTENT_TYPE)
                .end(doc.toJson().encode());
    }

    ProblemException toProblem(Throwable failure, int status, RoutingContext ctx) {
        if (failure instanceof ProblemException p) {
            return p;
        }
        if (failure instanceof CaException e) {
            ProblemException p = new ProblemException(ProblemDocument.from(e.problem()));
            // RFC 8555 §6.6: a rateLimited answer says when to try again
            return e.retryAfter() == null ? p
                    : p.withHeader("Retry-After", Long.toString(Math.max(1, e.retryAfter().toSeconds())));
        }
        if (failure instanceof HttpException e) {
            return forStatus(e.getStatusCode(), ctx, e);
        }
        if (failure != null) {
            return internal(ctx, failure);
        }
        return forStatus(status, ctx, null);
    }

    private ProblemException forStatus(int status, RoutingContext ctx, Throwable cause) {
        return switch (status) {
            case 413 -> Problems.payloadTooLarge(maxBodyBytes);
            case 404 -> Problems.notFound("resource " + ctx.request().path());
            case 405 -> Problems.methodNotAllowed(ctx.request().method().name(), "POST");
            default -> status >= 400 && status < 500
                    ? new ProblemException(ProblemDocument.of(ErrorKind.MALFORMED, "bad request").withStatus(status))
                    : internal(ctx, cause);
        };
    }

    private static ProblemException internal(RoutingContext ctx, Throwable cause) {
        LOG.error("internal error answering {} {}", ctx.request().method(), ctx.request().uri(), cause);
        return Problems.of(ErrorKind.SERVER_INTERNAL, "internal server error");
    }
}
