package dev.inkan.vetting.web;

import dev.inkan.core.vetting.CaseStatus;
import dev.inkan.core.vetting.CheckType;
import dev.inkan.core.vetting.Evidence;
import dev.inkan.core.vetting.StaffMember;
import dev.inkan.core.vetting.StaffRole;
import dev.inkan.core.vetting.VettedOrganization;
import dev.inkan.core.vetting.VettingCase;
import dev.inkan.vetting.Decisions;
import dev.inkan.vetting.EvidenceFiles;
import dev.inkan.vetting.OrganizationControl;
import dev.inkan.vetting.Refusal;
import dev.inkan.vetting.SignInThrottle;
import dev.inkan.vetting.StaffAccounts;
import dev.inkan.vetting.VettingChecks;
import dev.inkan.vetting.VettingContext;
import dev.inkan.vetting.auth.QrCode;
import dev.inkan.vetting.auth.Totp;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.SessionHandler;
import io.vertx.ext.web.sstore.SessionStore;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The staff console, on its own listener: password then TOTP (enrolled by QR code at the first sign-in), the queue,
 * the checks, the decisions under the two-person rule with re-authentication, organization suspension, staff
 * management and the auditor's read-only export. Each action needs one role (seed 004 §5.2.1).
 */
final class ConsoleRoutes {
    static final String COOKIE = "inkan-staff";
    private static final String STAFF = "staffId";
    private static final String STAGE = "stage";
    private static final String PASSWORD_OK = "password";
    private static final String SIGNED_IN = "signedIn";
    private final Pages pages;
    private final VettingContext vctx;
    private final StaffAccounts staff;
    private final VettingChecks checks;
    private final Decisions decisions;
    private final OrganizationControl organizations;
    private final EvidenceFiles evidence;
    private final SignInThrottle throttle;

    ConsoleRoutes(Pages pages, VettingContext vctx, StaffAccounts staff, VettingChecks checks, Decisions decisions,
            OrganizationControl organizations, EvidenceFiles evidence, SignInThrottle throttle) {
        this.throttle = throttle;
        this.pages = pages;
        this.vctx = vctx;
        this.staff = staff;
        this.checks = checks;
        this.decisions = decisions;
        this.organizations = organizations;
        this.evidence = evidence;
    }

    Router router(Vertx vertx, SessionStore sessions, long idleTimeoutMs) {
        Router r = Router.router(vertx);
        ServedRoutes served = new ServedRoutes();
        r.route().handler(Pages::headers);
        r.route().handler(served::onlyServed);
        r.post().handler(BodyHandler.create(false).setBodyLimit(64 * 1024));
        SessionHandler sessionHandler = SessionHandler.create(sessions)
                .setSessionCookieName(COOKIE).setCookieHttpOnlyFlag(true).setCookieSecureFlag(true)
                .setCookieSameSite(CookieSameSite.STRICT).setSessionTimeout(idleTimeoutMs);
        r.route().handler(sessionHandler);
        r.route().handler(Pages.remember(sessionHandler));
        r.post().handler(Pages::requireCsrf);
        r.get("/").handler(ctx -> Pages.redirect(ctx, "/queue"));
        r.get("/login").handler(ctx -> pages.render(ctx, "login", Map.of()));
        r.post("/login").handler(ctx -> throttle.attempt(PortalRoutes.form(ctx, "id"), Pages.address(ctx), "password",
                        () -> staff.password(PortalRoutes.form(ctx, "id"), PortalRoutes.form(ctx, "password")))
                .onSuccess(m -> {
                    ctx.session().regenerateId();
                    ctx.session().put(STAFF, m.id());
                    ctx.session().put(STAGE, PASSWORD_OK);
                    if (m.totpSecret() == null) {
                        ctx.session().put("enrolSecret", Totp.newSecret());
                        Pages.redirect(ctx, "/login/enrol");
                    } else {
                        Pages.redirect(ctx, "/login/totp");
                    }
                }).onFailure(ctx::fail));
        r.get("/login/totp").handler(ctx -> stage(ctx, PASSWORD_OK, () -> pages.render(ctx, "totp", Map.of())));
        r.post("/login/totp").handler(ctx -> stage(ctx, PASSWORD_OK, () ->
                throttle.attempt(ctx.session().get(STAFF), Pages.address(ctx), "totp",
                        () -> staff.totp(ctx.session().get(STAFF), PortalRoutes.form(ctx, "code")))
                        .onSuccess(m -> signedIn(ctx, m)).onFailure(ctx::fail)));
        r.get("/login/enrol").handler(ctx -> stage(ctx, PASSWORD_OK, () -> {
            String secret = ctx.session().get("enrolSecret");
            String uri = Totp.uri(StaffAccounts.TOTP_ISSUER, ctx.session().get(STAFF), secret);
            pages.render(ctx, "enrol", Map.of("qr", QrCode.svg(uri), "secret", secret, "uri", uri));
        }));
        r.post("/login/enrol").handler(ctx -> stage(ctx, PASSWORD_OK, () ->
                throttle.attempt(ctx.session().get(STAFF), Pages.address(ctx), "totp enrolment",
                        () -> staff.enrol(ctx.session().get(STAFF), ctx.session().get("enrolSecret"),
                                PortalRoutes.form(ctx, "code")))
                        .onSuccess(m -> signedIn(ctx, m)).onFailure(ctx::fail)));
        r.post("/logout").handler(ctx -> {
            ctx.session().destroy();
            Pages.redirect(ctx, "/login");
        });

        // everything below needs both factors
        r.route().handler(this::requireSignedIn);
        r.get("/queue").handler(ctx -> as(ctx, List.of(StaffRole.VETTING_OFFICER, StaffRole.APPROVER, StaffRole.AUDITOR),
                me -> vctx.stores().cases().byStatus(Arrays.asList(CaseStatus.values()))
                        .map(cases -> Map.of("cases", cases)), "queue"));
        r.get("/cases/:id").handler(ctx -> as(ctx, List.of(StaffRole.VETTING_OFFICER, StaffRole.APPROVER,
                StaffRole.AUDITOR), me -> caseModel(ctx.pathParam("id")), "case"));
        r.get("/cases/:id/evidence/:eid").handler(this::evidenceFile);
        r.get("/cases/:id/export").handler(this::export);
        r.post("/cases/:id/registry").handler(ctx -> act(ctx, me -> checks.registry(me, ctx.pathParam("id"))));
        r.post("/cases/:id/telephone").handler(ctx -> act(ctx, me -> checks.telephone(me, ctx.pathParam("id"),
                PortalRoutes.form(ctx, "source"), PortalRoutes.form(ctx, "number"), PortalRoutes.form(ctx, "answeredBy"),
                passed(ctx), PortalRoutes.form(ctx, "note"))));
        r.post("/cases/:id/authority").handler(ctx -> act(ctx, me -> checks.authority(me, ctx.pathParam("id"),
                PortalRoutes.form(ctx, "confirmedBy"), passed(ctx), PortalRoutes.form(ctx, "note"))));
        r.post("/cases/:id/domains").handler(ctx -> act(ctx, me -> checks.domains(me, ctx.pathParam("id"),
                PortalRoutes.form(ctx, "note"))));
        r.post("/cases/:id/return").handler(ctx -> act(ctx, me -> checks.returnForResubmission(me, ctx.pathParam("id"),
                PortalRoutes.form(ctx, "reason"))));
        r.post("/cases/:id/approve").handler(ctx -> act(ctx, me -> decisions.approve(me, ctx.pathParam("id"),
                PortalRoutes.form(ctx, "password"), PortalRoutes.form(ctx, "code"))));
        r.post("/cases/:id/reject").handler(ctx -> act(ctx, me -> decisions.reject(me, ctx.pathParam("id"),
                PortalRoutes.form(ctx, "reason"))));
        r.get("/organizations").handler(ctx -> as(ctx, List.of(StaffRole.RA_ADMINISTRATOR, StaffRole.AUDITOR),
                me -> vctx.stores().organizations().organizations().map(list -> Map.of("organizations", list,
                        "now", vctx.now())), "organizations"));
        r.post("/organizations/:id/suspend").handler(ctx -> current(ctx)
                .compose(me -> organizations.suspend(me, ctx.pathParam("id"), PortalRoutes.form(ctx, "reason")))
                .onSuccess(o -> Pages.redirect(ctx, "/organizations")).onFailure(ctx::fail));
        r.post("/organizations/:id/reinstate").handler(ctx -> current(ctx)
                .compose(me -> organizations.reinstate(me, ctx.pathParam("id")))
                .onSuccess(o -> Pages.redirect(ctx, "/organizations")).onFailure(ctx::fail));
        r.get("/staff").handler(ctx -> as(ctx, List.of(StaffRole.RA_ADMINISTRATOR),
                me -> vctx.stores().staff().all().map(list -> Map.of("members", list, "roles", StaffRole.values())),
                "staff"));
        r.post("/staff").handler(ctx -> current(ctx).compose(me -> {
            if (!me.has(StaffRole.RA_ADMINISTRATOR)) {
                throw Refusal.forbidden("職員の管理は登録局管理者のみ / only the RA administrator manages staff");
            }
            List<StaffRole> roles = new ArrayList<>();
            for (StaffRole role : StaffRole.values()) {
                if (ctx.request().getFormAttribute("role_" + role.name()) != null) {
                    roles.add(role);
                }
            }
            return staff.create("staff:" + me.id(), PortalRoutes.form(ctx, "id"), PortalRoutes.form(ctx, "displayName"),
                    roles, PortalRoutes.form(ctx, "password"));
        }).onSuccess(m -> Pages.redirect(ctx, "/staff")).onFailure(ctx::fail));
        served.seal(r);
        r.route().failureHandler(pages::failure);
        return r;
    }

    private static boolean passed(RoutingContext ctx) {
        return "pass".equals(PortalRoutes.form(ctx, "outcome"));
    }

    private void signedIn(RoutingContext ctx, StaffMember m) {
        ctx.session().regenerateId();
        ctx.session().remove("enrolSecret");
        ctx.session().put(STAGE, SIGNED_IN);
        vctx.audit("staff.signed-in", "staff:" + m.id(), m.id(), Map.of()).onComplete(x -> Pages.redirect(ctx,
                m.has(StaffRole.RA_ADMINISTRATOR) && !m.has(StaffRole.VETTING_OFFICER) ? "/organizations" : "/queue"));
    }

    private static void stage(RoutingContext ctx, String expected, Runnable then) {
        if (ctx.session().get(STAFF) == null || !expected.equals(ctx.session().get(STAGE))) {
            Pages.redirect(ctx, "/login");
            return;
        }
        then.run();
    }

    /** A session that passed only the password goes back to the second factor; none goes to the login. */
    private void requireSignedIn(RoutingContext ctx) {
        if (ctx.session().get(STAFF) == null) {
            Pages.redirect(ctx, "/login");
        } else if (!SIGNED_IN.equals(ctx.session().get(STAGE))) {
            Pages.redirect(ctx, ctx.session().get("enrolSecret") != null ? "/login/enrol" : "/login/totp");
        } else {
            ctx.next();
        }
    }

    private Future<StaffMember> current(RoutingContext ctx) {
        return vctx.stores().staff().byId(ctx.session().get(STAFF)).map(found -> found.filter(StaffMember::active)
                .orElseThrow(() -> Refusal.forbidden("職員アカウントが無効です / the staff account is disabled")));
    }

    private void as(RoutingContext ctx, List<StaffRole> allowed, Function<StaffMember, Future<Map<String, Object>>> model,
            String template) {
        current(ctx).compose(me -> {
            if (allowed.stream().noneMatch(me::has)) {
                throw Refusal.forbidden("この画面を見る権限がありません / your roles do not allow this page");
            }
            return model.apply(me).map(m -> {
                Map<String, Object> all = new HashMap<>(m);
                all.put("me", me);
                all.put("officer", me.has(StaffRole.VETTING_OFFICER));
                all.put("approver", me.has(StaffRole.APPROVER));
                all.put("admin", me.has(StaffRole.RA_ADMINISTRATOR));
                all.put("auditor", me.has(StaffRole.AUDITOR));
                return all;
            });
        }).onSuccess(m -> pages.render(ctx, template, m)).onFailure(ctx::fail);
    }

    private void act(RoutingContext ctx, Function<StaffMember, Future<VettingCase>> action) {
        current(ctx).compose(action).onSuccess(c -> Pages.redirect(ctx, "/cases/" + c.id())).onFailure(ctx::fail);
    }

    private Future<Map<String, Object>> caseModel(String id) {
        return vctx.stores().cases().byId(id).compose(found -> {
            VettingCase c = found.orElseThrow(() -> new Refusal(404, "申請が見つかりません / no such application"));
            Map<String, Object> m = new HashMap<>();
            m.put("c", c);
            m.put("checkTypes", CheckType.values());
            m.put("telephoneSources", VettingChecks.TELEPHONE_SOURCES);
            Map<String, Object> current = new HashMap<>();
            for (CheckType t : CheckType.values()) {
                c.check(t).ifPresent(x -> current.put(t.name(), x));
            }
            m.put("current", current);
            return Future.succeededFuture(m);
        });
    }

    private void evidenceFile(RoutingContext ctx) {
        current(ctx).compose(me -> {
            if (!me.has(StaffRole.VETTING_OFFICER) && !me.has(StaffRole.APPROVER) && !me.has(StaffRole.AUDITOR)) {
                throw Refusal.forbidden("権限がありません / not allowed");
            }
            return vctx.stores().cases().byId(ctx.pathParam("id"));
        }).compose(found -> {
            Evidence e = found.flatMap(c -> c.application().evidence().stream()
                            .filter(x -> x.id().equals(ctx.pathParam("eid"))).findFirst())
                    .orElseThrow(() -> new Refusal(404, "書類が見つかりません / no such document"));
            return evidence.read(e).map(b -> {
                ctx.response().putHeader("Content-Type", e.mediaType())
                        .putHeader("Content-Disposition", "attachment; filename=\"evidence-" + e.sha256().substring(0, 12)
                                + "\"")
                        .end(b);
                return e;
            });
        }).onFailure(ctx::fail);
    }

    /** The auditor's (and staff's) read-only copy of a vetting file; exporting is itself audited. */
    private void export(RoutingContext ctx) {
        current(ctx).compose(me -> {
            if (!me.has(StaffRole.AUDITOR) && !me.has(StaffRole.VETTING_OFFICER) && !me.has(StaffRole.APPROVER)) {
                throw Refusal.forbidden("権限がありません / not allowed");
            }
            return vctx.stores().cases().byId(ctx.pathParam("id")).compose(found -> {
                VettingCase c = found.orElseThrow(() -> new Refusal(404, "申請が見つかりません / no such application"));
                Future<java.util.Optional<VettedOrganization>> org = c.organizationId() == null
                        ? Future.succeededFuture(java.util.Optional.empty())
                        : vctx.stores().organizations().organization(c.organizationId());
                return org.compose(o -> vctx.audit("vetting.exported", "staff:" + me.id(), c.id(), Map.of())
                        .map(v -> VettingFile.of(c, o.orElse(null))));
            });
        }).onSuccess(json -> ctx.response().putHeader("Content-Type", "application/json; charset=utf-8")
                .putHeader("Content-Disposition", "attachment; filename=\"vetting-" + ctx.pathParam("id") + ".json\"")
                .end(json.encodePrettily())).onFailure(ctx::fail);
    }

    /** The vetting file as JSON: the application, every check with its source and evidence, the history. */
    static final class VettingFile {
        private VettingFile() {}

        static JsonObject of(VettingCase c, VettedOrganization o) {
            var a = c.application();
            JsonArray checks = new JsonArray();
            c.checks().forEach(x -> checks.add(new JsonObject().put("type", x.type().name()).put("passed", x.passed())
                    .put("officer", x.officer()).put("at", x.at().toString()).put("source", x.source())
                    .put("evidence", x.evidence()).put("note", x.note()).put("round", x.round())));
            JsonArray history = new JsonArray();
            c.history().forEach(h -> history.add(new JsonObject().put("at", h.at().toString()).put("actor", h.actor())
                    .put("action", h.action()).put("detail", h.detail())));
            JsonArray files = new JsonArray();
            a.evidence().forEach(e -> files.add(new JsonObject().put("id", e.id()).put("fileName", e.fileName())
                    .put("mediaType", e.mediaType()).put("size", e.size()).put("sha256", e.sha256())));
            JsonObject out = new JsonObject().put("caseId", c.id()).put("status", c.status().name()).put("round", c.round())
                    .put("reason", c.reason())
                    .put("application", new JsonObject().put("legalNameJa", a.legalNameJa()).put("legalNameEn",
                                    a.legalNameEn()).put("corporateNumber", a.corporateNumber())
                            .put("prefecture", a.prefecture()).put("city", a.city()).put("street", a.street())
                            .put("localityEn", a.localityEn()).put("telephone", a.telephone())
                            .put("applicantName", a.applicantName()).put("applicantTitle", a.applicantTitle())
                            .put("applicantEmail", a.applicantEmail()).put("domainNames", new JsonArray(a.domainNames()))
                            .put("evidence", files))
                    .put("checks", checks).put("history", history);
            if (o != null) {
                out.put("organization", new JsonObject().put("id", o.id()).put("status", o.status().name())
                        .put("subject", o.subject().toString()).put("vettedAt", o.vettedAt().toString())
                        .put("approvedBy", o.approvedBy()));
            }
            return out;
        }
    }
}
