package dev.inkan.app;

import dev.inkan.core.error.CaException;
import dev.inkan.core.error.ErrorKind;
import dev.inkan.core.port.RegistrationAuthority;
import dev.inkan.core.port.RegistrationAuthority.EmailValidationView;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The page a BR 3.2.2.4.4 email links to. GET shows what the code is for and a button, and confirms nothing (mail
 * scanners fetch links); only the form's POST confirms. Japanese first, {@code ?lang=en} for English. Without a code in
 * the path the page asks for one.
 */
final class EmailConfirmationPage {
    private static final Logger LOG = LoggerFactory.getLogger(EmailConfirmationPage.class);
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final RegistrationAuthority ra;
    private final String path;

    private EmailConfirmationPage(RegistrationAuthority ra, String path) {
        this.ra = ra;
        this.path = path;
    }

    /** Mounts GET and POST {@code path} and {@code path/:code} on the router. */
    static void mount(Router router, String path, RegistrationAuthority ra) {
        EmailConfirmationPage page = new EmailConfirmationPage(ra, path);
        // Ahead of the ACME routes (which end in a catch-all 404), with a body handler of their own for the form.
        router.post(path + "*").order(-2).handler(BodyHandler.create(false).setBodyLimit(4096));
        router.get(path).order(-1).handler(page::askForCode);
        router.post(path).order(-1).handler(ctx -> page.confirm(ctx, ctx.request().getFormAttribute("code")));
        router.get(path + "/:code").order(-1).handler(ctx -> page.show(ctx, ctx.pathParam("code")));
        router.post(path + "/:code").order(-1).handler(ctx -> page.confirm(ctx, ctx.pathParam("code")));
    }

    private void askForCode(RoutingContext ctx) {
        boolean en = english(ctx);
        String form = "<form method=\"post\" action=\"" + path + lang(en) + "\">"
                + "<label for=\"code\">" + (en ? "Confirmation code" : "確認コード") + "</label> "
                + "<input id=\"code\" name=\"code\" size=\"48\" autocomplete=\"off\" required> "
                + "<button id=\"approve\" type=\"submit\">" + (en ? "Approve" : "承認する") + "</button></form>";
        page(ctx, 200, en, en ? "Domain validation" : "ドメイン名の確認",
                "<p>" + (en ? "Enter the code from the email you received."
                        : "受け取ったメールに記載の確認コードを入力してください。") + "</p>" + form, "");
    }

    private void show(RoutingContext ctx, String code) {
        boolean en = english(ctx);
        ra.emailValidation(code).onComplete(ar -> {
            if (ar.failed()) {
                problem(ctx, en, ar.cause());
                return;
            }
            EmailValidationView v = ar.result();
            String name = (v.wildcard() ? "*." : "") + v.domain();
            if (v.confirmed()) {
                page(ctx, 200, en, en ? "Already approved" : "承認済みです", "<p id=\"result\">" + (en
                        ? "This request for " + esc(name) + " has already been approved."
                        : esc(name) + " の申請はすでに承認されています。") + "</p>", code);
                return;
            }
            String expires = WHEN.format(v.valueExpires().atZone(ZoneId.of(en ? "UTC" : "Asia/Tokyo")))
                    + (en ? " UTC" : " JST");
            String body = "<dl><dt>" + (en ? "Domain name" : "ドメイン名") + "</dt><dd id=\"domain\">" + esc(name)
                    + "</dd><dt>" + (en ? "Sent to" : "送信先") + "</dt><dd id=\"address\">" + esc(v.address())
                    + "</dd><dt>" + (en ? "Valid until" : "有効期限") + "</dt><dd>" + esc(expires) + "</dd></dl>"
                    + "<p>" + (en ? "If you manage this domain and approve the certificate request, press the button."
                            + " Opening this page approved nothing."
                            : "このドメイン名の管理者として証明書の発行申請を承認する場合は、ボタンを押してください。"
                            + "このページを開いただけでは承認されていません。") + "</p>"
                    + "<form method=\"post\" action=\"" + path + "/" + esc(code) + lang(en) + "\">"
                    + "<button id=\"approve\" type=\"submit\">" + (en ? "Approve" : "承認する") + "</button></form>"
                    + "<p>" + (en ? "If you did not expect this, close this page: nothing will be issued."
                            : "心当たりがない場合は、このページを閉じてください。証明書は発行されません。") + "</p>";
            page(ctx, 200, en, en ? "Approve the certificate request" : "証明書発行申請の承認", body, code);
        });
    }

    private void confirm(RoutingContext ctx, String code) {
        boolean en = english(ctx);
        String from = ctx.request().remoteAddress() == null ? null : ctx.request().remoteAddress().hostAddress();
        ra.confirmEmailValidation(code == null ? "" : code.strip(), from).onComplete(ar -> {
            if (ar.failed()) {
                problem(ctx, en, ar.cause());
                return;
            }
            var a = ar.result();
            String name = (a.wildcard() ? "*." : "") + a.identifier().value();
            boolean valid = a.status() == dev.inkan.core.model.AuthorizationStatus.VALID;
            String text = valid
                    ? (en ? "Thank you. The request for " + esc(name) + " is approved."
                            : esc(name) + " の申請を承認しました。ありがとうございました。")
                    : (en ? "The approval was received, but the request for " + esc(name)
                            + " could not be validated (status " + a.status().wire() + ")."
                            : esc(name) + " の承認を受け付けましたが、検証は完了しませんでした（状態: " + a.status().wire()
                                    + "）。");
            page(ctx, valid ? 200 : 403, en, en ? "Domain validation" : "ドメイン名の確認",
                    "<p id=\"result\">" + text + "</p>", "");
        });
    }

    private void problem(RoutingContext ctx, boolean en, Throwable t) {
        int status;
        String message;
        if (t instanceof CaException e) {
            status = e.kind() == ErrorKind.NOT_FOUND ? 404 : e.kind() == ErrorKind.SERVER_INTERNAL ? 500 : 403;
            message = e.kind() == ErrorKind.SERVER_INTERNAL ? generic(en) : e.getMessage();
        } else {
            LOG.error("email confirmation failed", t);
            status = 500;
            message = generic(en);
        }
        if (status == 404 && !en) {
            message = "この確認コードは無効です。新しいメールで置き換えられたか、入力に誤りがある可能性があります。";
        }
        page(ctx, status, en, en ? "Not confirmed" : "確認できませんでした", "<p id=\"error\">" + esc(message)
                + "</p>" + (en ? "" : "<p lang=\"en\">" + esc(t.getMessage() == null ? "" : t.getMessage()) + "</p>"),
                "");
    }

    private static String generic(boolean en) {
        return en ? "The confirmation could not be completed; try again later."
                : "確認を完了できませんでした。しばらくしてからもう一度お試しください。";
    }

    private void page(RoutingContext ctx, int status, boolean en, String title, String body, String code) {
        String self = path + (code.isEmpty() ? "" : "/" + esc(code));
        String switcher = en ? "<a id=\"lang\" href=\"" + self + "\" lang=\"ja\">日本語</a>"
                : "<a id=\"lang\" href=\"" + self + "?lang=en\" lang=\"en\">English</a>";
        ctx.response().setStatusCode(status)
                .putHeader("Content-Type", "text/html; charset=utf-8")
                .putHeader("Cache-Control", "no-store")
                .putHeader("Referrer-Policy", "no-referrer")
                .putHeader("X-Frame-Options", "DENY")
                .putHeader("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'")
                .end("<!DOCTYPE html><html lang=\"" + (en ? "en" : "ja") + "\"><head><meta charset=\"utf-8\">"
                        + "<meta name=\"robots\" content=\"noindex\"><title>" + esc(title) + "</title>"
                        + "<style>body{font-family:sans-serif;max-width:40em;margin:2em auto;padding:0 1em}"
                        + "dt{font-weight:bold}button{font-size:1.1em;padding:.4em 1.2em}</style></head><body>"
                        + "<nav>" + switcher + "</nav><h1>" + esc(title) + "</h1>" + body + "</body></html>");
    }

    private static boolean english(RoutingContext ctx) {
        return "en".equals(ctx.request().getParam("lang"));
    }

    private static String lang(boolean en) {
        return en ? "?lang=en" : "";
    }

    static String esc(String s) {
        return s == null ? "" : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                .replace("\"", "&quot;").replace("'", "&#39;");
    }
}
