package dev.inkan.vetting.web;

import dev.inkan.core.vetting.Application;
import dev.inkan.core.vetting.Evidence;
import dev.inkan.core.vetting.VettingCase;
import dev.inkan.vetting.ApplicantAccounts;
import dev.inkan.vetting.Applications;
import dev.inkan.vetting.EvidenceFiles;
import dev.inkan.vetting.Prefectures;
import dev.inkan.vetting.Refusal;
import dev.inkan.vetting.SignInThrottle;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.CookieSameSite;
import io.vertx.ext.web.FileUpload;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.SessionHandler;
import io.vertx.ext.web.sstore.SessionStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The applicant portal: register (email verified by a one-time link), sign in, submit an organization for vetting
 * with its evidence, follow the application, resubmit a returned one, and receive the ACME binding key once.
 */
final class PortalRoutes {
    static final String COOKIE = "inkan-portal";
    private static final String APPLICANT = "applicantId";
    private final Pages pages;
    private final ApplicantAccounts accounts;
    private final Applications applications;
    private final EvidenceFiles evidence;
    private final String acmeDirectory;
    private final SignInThrottle throttle;

    PortalRoutes(Pages pages, ApplicantAccounts accounts, Applications applications, EvidenceFiles evidence,
            SignInThrottle throttle, String acmeDirectory) {
        this.throttle = throttle;
        this.pages = pages;
        this.accounts = accounts;
        this.applications = applications;
        this.evidence = evidence;
        this.acmeDirectory = acmeDirectory;
    }

    Router router(Vertx vertx, Path uploads, SessionStore sessions, long idleTimeoutMs) {
        Router r = Router.router(vertx);
        ServedRoutes served = new ServedRoutes();
        r.route().handler(Pages::headers);
        r.route().handler(served::onlyServed);
        // the body first: the session lookup is asynchronous and the upload must not be lost meanwhile
        r.post().handler(BodyHandler.create(uploads.toString()).setBodyLimit(EvidenceFiles.MAX_BYTES + 64 * 1024)
                .setDeleteUploadedFilesOnEnd(true).setMergeFormAttributes(false));
        SessionHandler sessionHandler = SessionHandler.create(sessions)
                .setSessionCookieName(COOKIE).setCookieHttpOnlyFlag(true).setCookieSecureFlag(true)
                .setCookieSameSite(CookieSameSite.STRICT).setSessionTimeout(idleTimeoutMs);
        r.route().handler(sessionHandler);
        r.route().handler(Pages.remember(sessionHandler));
        r.post().handler(Pages::requireCsrf);
        r.get("/").handler(ctx -> {
            if (signedIn(ctx) != null) {
                Pages.redirect(ctx, "/applications");
            } else {
                page(ctx, "index", Map.of());
            }
        });
        r.get("/register").handler(ctx -> page(ctx, "register", Map.of()));
        r.post("/register").handler(ctx -> accounts.register(form(ctx, "email"), form(ctx, "password"))
                .onSuccess(a -> page(ctx, "index", Map.of("notice", Messages.of(Pages.lang(ctx)).get("registerDone"))))
                .onFailure(ctx::fail));
        r.get("/verify").handler(ctx -> accounts.verify(ctx.request().getParam("token"))
                .onSuccess(a -> page(ctx, "index", Map.of("notice", Messages.of(Pages.lang(ctx)).get("verified"))))
                .onFailure(ctx::fail));
        r.post("/login").handler(ctx -> throttle.attempt(form(ctx, "email"), Pages.address(ctx), "password",
                () -> accounts.login(form(ctx, "email"), form(ctx, "password"))).onSuccess(a -> {
            ctx.session().regenerateId();
            ctx.session().put(APPLICANT, a.id());
            ctx.session().put("email", a.email());
            Pages.redirect(ctx, "/applications");
        }).onFailure(ctx::fail));
        r.post("/logout").handler(ctx -> {
            ctx.session().destroy();
            Pages.redirect(ctx, "/");
        });
        r.route("/applications*").handler(this::requireApplicant);
        r.get("/applications").handler(ctx -> applications.casesOf(signedIn(ctx))
                .onSuccess(cases -> page(ctx, "applications", Map.of("cases", cases)))
                .onFailure(ctx::fail));
        r.get("/applications/new").handler(ctx -> page(ctx, "apply", formModel(null, "/applications/new")));
        r.post("/applications/new").handler(ctx -> application(ctx)
                .compose(a -> applications.submit(signedIn(ctx), a))
                .onSuccess(c -> Pages.redirect(ctx, "/applications/" + c.id()))
                .onFailure(e -> refused(ctx, e, true, "/applications/new")));
        r.get("/applications/:id").handler(ctx -> {
            String id = ctx.pathParam("id");
            applications.own(signedIn(ctx), id).compose(c -> applications.bindingKey(signedIn(ctx), id)
                            .map(key -> {
                                Map<String, Object> m = new HashMap<>();
                                m.put("c", c);
                                m.put("key", key.orElse(null));
                                m.put("directory", acmeDirectory);
                                return m;
                            }))
                    .onSuccess(m -> page(ctx, "case", m))
                    .onFailure(ctx::fail);
        });
        r.get("/applications/:id/resubmit").handler(ctx -> applications.own(signedIn(ctx), ctx.pathParam("id"))
                .onSuccess(c -> page(ctx, "apply", formModel(c, "/applications/" + c.id() + "/resubmit")))
                .onFailure(ctx::fail));
        r.post("/applications/:id/resubmit").handler(ctx -> application(ctx)
                .compose(a -> applications.resubmit(signedIn(ctx), ctx.pathParam("id"), a))
                .onSuccess(c -> Pages.redirect(ctx, "/applications/" + c.id()))
                .onFailure(e -> refused(ctx, e, false, "/applications/" + ctx.pathParam("id") + "/resubmit")));
        served.seal(r);
        r.route().failureHandler(pages::failure);
        return r;
    }

    /**
     * A value to correct: the form again, as typed, with the message beside the field (the upload must be chosen
     * again: browsers never prefill a file input). Any other refusal is the error page.
     */
    private void refused(RoutingContext ctx, Throwable e, boolean isNew, String action) {
        if (!(e instanceof Refusal r) || r.field() == null) {
            ctx.fail(e);
            return;
        }
        Map<String, Object> m = formModel(null, action);
        m.put("isNew", isNew);
        m.put("a", typed(ctx, List.of()));
        m.put("domainsText", form(ctx, "domains"));
        m.put("errors", Map.of(r.field(), Messages.inLanguage(r.getMessage(), Pages.lang(ctx))));
        m.put("email", ctx.session() == null ? null : ctx.session().get("email"));
        pages.render(ctx, r.status(), "apply", m);
    }

    private Map<String, Object> formModel(VettingCase c, String action) {
        Map<String, Object> m = new HashMap<>();
        m.put("errors", Map.of());
        m.put("prefectures", new ArrayList<>(Prefectures.ENGLISH.keySet()));
        m.put("action", action);
        m.put("isNew", c == null);
        m.put("a", new Application("", "", "", "", "", "", "", "", "", "", "", "", List.of(), List.of()));
        m.put("domainsText", "");
        if (c != null) {
            m.put("a", c.application());
            m.put("domainsText", String.join("\n", c.application().domainNames()));
            m.put("reason", c.reason());
        }
        return m;
    }

    /** The submitted form and its uploaded evidence, sniffed and kept. */
    private Future<Application> application(RoutingContext ctx) {
        List<FileUpload> uploads = ctx.fileUploads();
        List<Future<Evidence>> kept = new ArrayList<>();
        for (FileUpload u : uploads) {
            if (u.size() > 0) {
                kept.add(evidence.keep(u.uploadedFileName(), u.fileName()));
            }
        }
        return Future.all(kept).recover(e -> Future.failedFuture(e instanceof IllegalArgumentException
                        ? Refusal.invalidField("evidence", e.getMessage()) : e))
                .map(all -> {
                    List<Evidence> files = new ArrayList<>();
                    for (int i = 0; i < all.size(); i++) {
                        files.add(all.resultAt(i));
                    }
                    return typed(ctx, files);
                });
    }

    /** The form's values as the applicant typed them. */
    private static Application typed(RoutingContext ctx, List<Evidence> files) {
        List<String> domains = Arrays.stream(form(ctx, "domains").split("[\\s,]+")).filter(s -> !s.isBlank()).toList();
        return new Application(form(ctx, "legalNameJa"), form(ctx, "legalNameEn"), form(ctx, "corporateNumber"),
                form(ctx, "prefecture"), form(ctx, "city"), form(ctx, "street"), form(ctx, "localityEn"),
                form(ctx, "telephone"), form(ctx, "applicantName"), form(ctx, "applicantTitle"),
                form(ctx, "applicantEmail"), form(ctx, "applicantPhone"), domains, files);
    }

    static String form(RoutingContext ctx, String name) {
        String v = ctx.request().getFormAttribute(name);
        return v == null ? "" : v;
    }

    private static String signedIn(RoutingContext ctx) {
        return ctx.session() == null ? null : ctx.session().get(APPLICANT);
    }

    private void requireApplicant(RoutingContext ctx) {
        if (signedIn(ctx) == null) {
            Pages.redirect(ctx, "/");
            return;
        }
        ctx.next();
    }

    private void page(RoutingContext ctx, String template, Map<String, Object> model) {
        Map<String, Object> m = new HashMap<>(model);
        m.put("email", ctx.session() == null ? null : ctx.session().get("email"));
        pages.render(ctx, template, m);
    }
}
