package dev.inkan.app;

import dev.inkan.ca.crl.CrlPublisher;
import dev.inkan.ca.crl.SignedCrl;
import dev.inkan.ca.ocsp.OcspReply;
import dev.inkan.ca.ocsp.OcspResponder;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.WeakHashMap;

/**
 * The CRLs and the OCSP responder on the relying-party listener, at exactly the URLs the certificates name
 * ({@code CaUrls}): {@code /crl/<caId>.crl} (or {@code /crl/<caId>/<shard>.crl}) as application/pkix-crl (RFC 5280
 * §4.2.1.13, plain HTTP), and {@code /ocsp/<caId>} for POST and {@code /ocsp/<caId>/<base64 request>} for GET (RFC
 * 6960 appendix A, RFC 5019 §5). Everything is served from memory; nothing here signs.
 */
final class StatusRoutes {
    /** CRLs change at once on revocation (CP 002 §2.3): caches may keep one five minutes at most. */
    static final Duration CRL_MAX_AGE = Duration.ofMinutes(5);
    /** RFC 5019 §6.2: an OCSP GET answer may be cached, never past its nextUpdate; an hour at most here. */
    static final Duration OCSP_MAX_AGE = Duration.ofHours(1);
    /** RFC 5019 §5: a GET request URL stays under 255 bytes; a POSTed request is small too. */
    private static final int MAX_OCSP_REQUEST = 4096;
    private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);

    private final CrlPublisher crls;
    private final OcspResponder ocsp;
    private final Clock clock;
    /** Weakly held: an answer signed again (or dropped) takes its formatted dates with it. */
    private final Map<OcspReply, HttpDates> formattedDates = new WeakHashMap<>();

    StatusRoutes(CrlPublisher crls, OcspResponder ocsp, Clock clock) {
        this.crls = crls;
        this.ocsp = ocsp;
        this.clock = clock;
    }

    void mount(Router router) {
        router.route(HttpMethod.GET, "/crl/:file").handler(ctx -> crl(ctx, ctx.pathParam("file"), null));
        router.route(HttpMethod.HEAD, "/crl/:file").handler(ctx -> crl(ctx, ctx.pathParam("file"), null));
        router.route(HttpMethod.GET, "/crl/:caId/:file").handler(ctx -> crl(ctx, ctx.pathParam("caId"),
                ctx.pathParam("file")));
        router.route(HttpMethod.POST, "/ocsp/:caId")
                .handler(BodyHandler.create(false).setBodyLimit(MAX_OCSP_REQUEST))
                .handler(ctx -> ocspPost(ctx, ctx.pathParam("caId")));
        router.getWithRegex("/ocsp/([^/]+)/(.+)").handler(this::ocspGet);
    }

    private void crl(RoutingContext ctx, String first, String shardFile) {
        Optional<SignedCrl> found = shardFile == null ? fullCrl(first) : shardCrl(first, shardFile);
        HttpServerResponse r = ctx.response();
        if (found.isEmpty()) {
            r.setStatusCode(404).putHeader("Content-Type", "text/plain").end("no such CRL\n");
            return;
        }
        SignedCrl crl = found.get();
        r.putHeader("Content-Type", "application/pkix-crl")
                .putHeader("Cache-Control", "public, max-age=" + maxAge(crl.nextUpdate(), CRL_MAX_AGE))
                .putHeader("Last-Modified", HTTP_DATE.format(crl.thisUpdate()))
                .putHeader("Expires", HTTP_DATE.format(crl.nextUpdate()))
                .putHeader("ETag", crl.etag());
        if (notModified(ctx, crl.etag(), crl.thisUpdate())) {
            r.setStatusCode(304).end();
        } else if (ctx.request().method() == HttpMethod.HEAD) {
            r.putHeader("Content-Length", String.valueOf(crl.der().length)).end();
        } else {
            r.end(Buffer.buffer(crl.der()));
        }
    }

    private Optional<SignedCrl> fullCrl(String file) {
        return file.endsWith(".crl") ? crls.current(file.substring(0, file.length() - 4)) : Optional.empty();
    }

    private Optional<SignedCrl> shardCrl(String caId, String file) {
        if (!file.matches("\\d{1,4}\\.crl")) {
            return Optional.empty();
        }
        return crls.current(caId, Integer.parseInt(file.substring(0, file.length() - 4)));
    }

    /** RFC 9110 §13.1: If-None-Match wins over If-Modified-Since. */
    private static boolean notModified(RoutingContext ctx, String etag, Instant lastModified) {
        String match = ctx.request().getHeader("If-None-Match");
        if (match != null) {
            return match.contains(etag) || match.trim().equals("*");
        }
        String since = ctx.request().getHeader("If-Modified-Since");
        if (since == null) {
            return false;
        }
        try {
            return !lastModified.isAfter(Instant.from(HTTP_DATE.parse(since)));
        } catch (RuntimeException e) {
            return false;
        }
    }

    private void ocspPost(RoutingContext ctx, String caId) {
        Buffer body = ctx.body().buffer();
        if (body == null || body.length() == 0) {
            ctx.response().setStatusCode(400).end("an OCSP POST carries a DER OCSPRequest (RFC 6960 A.1)\n");
            return;
        }
        ocsp.respond(caId, body.getBytes()).onComplete(ar -> answer(ctx, ar.result(), false));
    }

    private void ocspGet(RoutingContext ctx) {
        String caId = ctx.pathParam("param0");
        String encoded = ctx.pathParam("param1");
        byte[] request;
        try {
            request = decodeGet(rawTail(ctx, caId));
        } catch (IllegalArgumentException e) {
            request = null;
        }
        if (request == null || request.length > MAX_OCSP_REQUEST || encoded == null) {
            ctx.response().setStatusCode(400).end("an OCSP GET carries a base64 DER OCSPRequest (RFC 6960 A.1)\n");
            return;
        }
        ocsp.respond(caId, request).onComplete(ar -> answer(ctx, ar.result(), true));
    }

    /** The path after {@code /ocsp/<caId>/}, still percent-encoded: base64 may hold '/' and '+'. */
    private static String rawTail(RoutingContext ctx, String caId) {
        String path = ctx.request().path();
        String prefix = "/ocsp/" + caId + "/";
        return path.startsWith(prefix) ? path.substring(prefix.length()) : "";
    }

    /** RFC 6960 A.1: url-encoding of base64 encoding of the DER request; '+' stays '+'. */
    static byte[] decodeGet(String raw) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%' && i + 2 < raw.length()) {
                out.write(Integer.parseInt(raw.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                out.write(c);
            }
        }
        String b64 = withoutWhitespace(out.toString(StandardCharsets.US_ASCII));
        return b64.contains("-") || b64.contains("_") ? Base64.getUrlDecoder().decode(b64) : Base64.getDecoder().decode(b64);
    }

    private static String withoutWhitespace(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!Character.isWhitespace(c)) {
                b.append(c);
            }
        }
        return b.toString();
    }

    private void answer(RoutingContext ctx, OcspReply reply, boolean cacheable) {
        HttpServerResponse r = ctx.response().putHeader("Content-Type", "application/ocsp-response");
        if (reply.signed() && cacheable) {
            HttpDates dates = httpDates(reply);
            r.putHeader("Cache-Control", "public, max-age=" + maxAge(reply.nextUpdate(), OCSP_MAX_AGE)
                            + ", no-transform, must-revalidate")
                    .putHeader("Last-Modified", dates.lastModified())
                    .putHeader("Expires", dates.expires())
                    .putHeader("ETag", reply.etag());
        } else {
            r.putHeader("Cache-Control", "no-store");
        }
        r.end(Buffer.buffer(reply.der()));
    }

    /** An answer's validity as HTTP dates, formatted once per answer instead of on every GET. */
    private record HttpDates(String lastModified, String expires) {}

    private HttpDates httpDates(OcspReply reply) {
        synchronized (formattedDates) {
            return formattedDates.computeIfAbsent(reply, r -> new HttpDates(HTTP_DATE.format(r.thisUpdate()),
                    HTTP_DATE.format(r.nextUpdate())));
        }
    }

    /** Seconds a cache may keep it: the cap, or less when the content's nextUpdate comes sooner. */
    private long maxAge(Instant nextUpdate, Duration cap) {
        long left = Duration.between(clock.instant(), nextUpdate).toSeconds();
        return Math.max(0, Math.min(cap.toSeconds(), left));
    }
}
