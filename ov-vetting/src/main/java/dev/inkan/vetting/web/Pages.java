package dev.inkan.vetting.web;

import dev.inkan.vetting.Refusal;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.Session;
import io.vertx.ext.web.handler.SessionHandler;
import io.vertx.ext.web.templ.thymeleaf.ThymeleafTemplateEngine;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Server-rendered pages: each gets the texts of the visitor's language, the session's CSRF token and the
 * security headers. No page carries script.
 */
final class Pages {
    private static final Logger LOG = LoggerFactory.getLogger(Pages.class);
    static final String CSRF = "_csrf";
    private static final String SESSION_HANDLER = "inkan.sessionHandler";
    private static final SecureRandom RANDOM = new SecureRandom();
    private final ThymeleafTemplateEngine engine;
    private final String directory;
    private final Vertx vertx;

    Pages(Vertx vertx, String directory) {
        this.vertx = vertx;
        this.engine = ThymeleafTemplateEngine.create(vertx);
        this.directory = directory;
    }

    static String lang(RoutingContext ctx) {
        String asked = ctx.request().getParam("lang");
        if (Messages.EN.equals(asked) || Messages.JA.equals(asked)) {
            ctx.response().addCookie(Cookie.cookie("lang", asked).setPath("/").setSecure(true).setHttpOnly(true)
                    .setSameSite(CookieSameSite.STRICT).setMaxAge(365L * 24 * 3600));
            return asked;
        }
        Cookie c = ctx.request().getCookie("lang");
        return c != null && Messages.EN.equals(c.getValue()) ? Messages.EN : Messages.JA;
    }

    /** The session's CSRF token, made on first use; every form posts it back as {@code _csrf}. */
    static String csrf(Session session) {
        String t = session.get(CSRF);
        if (t == null) {
            byte[] b = new byte[32];
            RANDOM.nextBytes(b);
            t = Base64.getUrlEncoder().withoutPadding().encodeToString(b);
            session.put(CSRF, t);
        }
        return t;
    }

    /** Refuses a state-changing request whose form does not carry the session's CSRF token. */
    static void requireCsrf(RoutingContext ctx) {
        String expected = ctx.session() == null ? null : ctx.session().get(CSRF);
        String sent = ctx.request().getFormAttribute(CSRF);
        if (expected == null || sent == null || !java.security.MessageDigest.isEqual(expected.getBytes(),
                sent.getBytes())) {
            ctx.fail(Refusal.forbidden("フォームの有効期限が切れたか、不正な送信です。ページを開き直してください / the form"
                    + " expired or was not sent from this site; open the page again"));
            return;
        }
        ctx.next();
    }

    /** The peer's address: the listeners face clients directly (no proxy header is trusted). */
    static String address(RoutingContext ctx) {
        var a = ctx.request().remoteAddress();
        return a == null ? "unknown" : a.hostAddress();
    }

    static void headers(RoutingContext ctx) {
        ctx.response()
                .putHeader("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:;"
                        + " form-action 'self'; frame-ancestors 'none'; base-uri 'none'")
                .putHeader("X-Content-Type-Options", "nosniff")
                .putHeader("X-Frame-Options", "DENY")
                .putHeader("Referrer-Policy", "no-referrer")
                .putHeader("Cache-Control", "no-store")
                .putHeader("Strict-Transport-Security", "max-age=31536000");
        ctx.next();
    }

    void render(RoutingContext ctx, String template, Map<String, Object> model) {
        render(ctx, 200, template, model);
    }

    void render(RoutingContext ctx, int status, String template, Map<String, Object> model) {
        String lang = lang(ctx);
        Map<String, Object> data = new HashMap<>(model);
        data.put("m", Messages.of(lang));
        data.put("lang", lang);
        data.put("otherLang", Messages.JA.equals(lang) ? Messages.EN : Messages.JA);
        data.put("path", ctx.request().path());
        if (ctx.session() != null) {
            data.put("csrf", csrf(ctx.session()));
        }
        data.put("front", directory);
        // the error page is one for both fronts; it takes its header from the front's layout
        String name = "error".equals(template) ? "templates/error.html" : "templates/" + directory + "/" + template + ".html";
        // Thymeleaf renders synchronously (and reads the template file): on a worker, never on the event loop
        vertx.executeBlocking(() -> engine.render(data, name).toCompletionStage().toCompletableFuture().get(), false)
                .onComplete(r -> {
            if (r.failed()) {
                LOG.error("template {} failed", template, r.cause());
                ctx.response().setStatusCode(500).end("template error");
                return;
            }
            flushThen(ctx, () -> ctx.response().setStatusCode(status).putHeader("Content-Type", "text/html; charset=utf-8")
                    .end(r.result()));
        });
    }

    /** A refusal or failure as a page: the message for a {@link Refusal}, a generic one otherwise. */
    void failure(RoutingContext ctx) {
        Throwable t = ctx.failure();
        int status = ctx.statusCode() > 0 ? ctx.statusCode() : 500;
        String message;
        if (t instanceof Refusal r) {
            status = r.status();
            message = r.getMessage();
        } else if (status == 413) {
            message = "ファイルが大きすぎます（5MBまで） / the upload is too large (5 MB at most)";
        } else if (status == 404) {
            message = "ページが見つかりません / no such page";
        } else if (status == 405) {
            message = "このページはその方法では開けません / this page does not take that method";
        } else {
            LOG.error("request {} failed", ctx.request().path(), t);
            status = 500;
            message = "内部エラーが発生しました / something went wrong on our side";
        }
        if (ctx.response().ended()) {
            return;
        }
        Map<String, Object> model = new HashMap<>();
        model.put("error", Messages.inLanguage(message, lang(ctx)));
        model.put("status", status);
        render(ctx, status, "error", model);
    }

    static void redirect(RoutingContext ctx, String to) {
        flushThen(ctx, () -> ctx.response().setStatusCode(303).putHeader("Location", to).end());
    }

    /** Keeps the listener's session handler in the request, for {@link #flushThen}; right after the handler. */
    static Handler<RoutingContext> remember(SessionHandler sessions) {
        return ctx -> {
            ctx.put(SESSION_HANDLER, sessions);
            ctx.next();
        };
    }

    /**
     * Writes the session to the store, then answers. Sessions live in the store: left to itself the session handler
     * writes while the answer is already on its way, and a browser following a redirect at once (to the TOTP step,
     * say) could reach another front end, or this one, before the write and find the session without it.
     */
    static void flushThen(RoutingContext ctx, Runnable answer) {
        SessionHandler sessions = ctx.get(SESSION_HANDLER);
        if (sessions == null || ctx.session() == null) {
            answer.run();
            return;
        }
        sessions.flush(ctx).onComplete(r -> {
            if (r.failed()) {
                LOG.warn("session not written before the answer: {}", r.cause().toString());
            }
            answer.run();
        });
    }
}
