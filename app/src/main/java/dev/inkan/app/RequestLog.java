package dev.inkan.app;

import dev.inkan.core.port.Metrics;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One line per ACME request once its answer is sent: method, path, status, milliseconds, and the ACME account and
 * order it concerns, so that an operator can follow one subscriber's order across front ends. With
 * {@code operations.logFormat = json} the line is one JSON object (for a log pipeline); otherwise key=value text.
 * The account comes from the JWS {@code kid} (RFC 8555 §6.2) or the new account's Location; the order from the
 * path or the new order's Location. Nothing secret is logged: no body, no key, no signature.
 */
final class RequestLog {
    private static final Logger LOG = LoggerFactory.getLogger("dev.inkan.request");
    private static final Pattern ACCOUNT = Pattern.compile("/acme/acct/([^/?\"]+)");
    private static final Pattern ORDER = Pattern.compile("/acme/(?:order|finalize)/([^/?]+)");
    private static final Pattern KID = Pattern.compile("\"kid\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern PROTECTED = Pattern.compile("\"protected\"\\s*:\\s*\"([A-Za-z0-9_-]+)\"");

    private final boolean json;
    private final String frontEnd;
    private final Clock clock;
    private final Metrics metrics;

    RequestLog(boolean json, String frontEnd, Clock clock, Metrics metrics) {
        this.json = json;
        this.frontEnd = frontEnd;
        this.clock = clock;
        this.metrics = metrics;
    }

    void handle(RoutingContext ctx) {
        long started = System.nanoTime();
        ctx.addEndHandler(ar -> {
            if (ctx.response().getStatusCode() == 429) {
                // RFC 8555 §6.7 rateLimited: counted by the resource refused, whichever limit refused it
                metrics.rateLimitRefusal(resource(ctx.request().path()));
            }
            String line = line(ctx, (System.nanoTime() - started) / 1_000_000);
            if (json) {
                // the whole line is the object, without the text logger's prefix, for a log pipeline to parse
                System.out.println(line);
            } else {
                LOG.info(line);
            }
        });
        ctx.next();
    }

    private String line(RoutingContext ctx, long millis) {
        String path = ctx.request().path();
        String location = ctx.response().headers().get("Location");
        JsonObject l = new JsonObject()
                .put("at", clock.instant().toString())
                .put("frontEnd", frontEnd)
                // behind a balancer, the client's address from its PROXY header (listeners.proxyProtocol)
                .put("client", ctx.request().remoteAddress() == null ? null : ctx.request().remoteAddress().hostAddress())
                .put("method", ctx.request().method().name())
                .put("path", path)
                .put("status", ctx.response().getStatusCode())
                .put("ms", millis)
                .put("account", first(ACCOUNT, kid(ctx), path, location))
                .put("order", first(ORDER, path, location));
        if (json) {
            return l.encode();
        }
        StringBuilder b = new StringBuilder();
        l.forEach(e -> b.append(b.length() == 0 ? "" : " ").append(e.getKey()).append('=').append(e.getValue()));
        return b.toString();
    }

    /** {@code new-order} for {@code /acme/new-order}, {@code order} for {@code /acme/order/abc}. */
    static String resource(String path) {
        String[] parts = path.split("/");
        return parts.length > 2 && parts[1].equals("acme") ? parts[2] : "other";
    }

    /** The {@code kid} of the JWS's protected header, unverified: only for the log line. */
    private static String kid(RoutingContext ctx) {
        try {
            if (ctx.body() == null || ctx.body().buffer() == null) {
                return null;
            }
            String body = ctx.body().asString();
            Matcher p = PROTECTED.matcher(body);
            if (!p.find()) {
                return null;
            }
            String header = new String(Base64.getUrlDecoder().decode(p.group(1)), StandardCharsets.UTF_8);
            Matcher k = KID.matcher(header);
            return k.find() ? k.group(1) : null;
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static String first(Pattern pattern, String... candidates) {
        for (String c : candidates) {
            if (c == null) {
                continue;
            }
            Matcher m = pattern.matcher(c);
            if (m.find()) {
                return m.group(1);
            }
        }
        return null;
    }
}
