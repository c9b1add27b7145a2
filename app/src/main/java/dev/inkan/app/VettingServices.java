package dev.inkan.app;

import dev.inkan.core.port.AuditLog;
import dev.inkan.core.port.RateLimitCounters;
import dev.inkan.core.port.RegistrantLookup;
import dev.inkan.core.port.WebSessions;
import dev.inkan.core.vetting.StaffRole;
import dev.inkan.core.vetting.VettingStores;
import dev.inkan.harness.registry.FakeCorporateRegistry;
import dev.inkan.vetting.ApplicantAccounts;
import dev.inkan.vetting.StaffAccounts;
import dev.inkan.vetting.VettingContext;
import dev.inkan.vetting.VettingWeb;
import dev.inkan.vetting.registry.HoujinBangouApi;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.client.WebClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Organization vetting wired: the corporate-number registry (the harness's fake in the sandbox), the applicant
 * portal and the staff console on their own HTTPS listeners, and in the sandbox a set of staff logins.
 */
final class VettingServices {
    private static final Logger LOG = LoggerFactory.getLogger(VettingServices.class);
    static final String SANDBOX_APPLICATION_ID = "SANDBOXAPPID1";
    /** The sandbox staff: two vetting staff (so the two-person rule can be seen), an RA administrator, an auditor. */
    static final Map<String, List<StaffRole>> SANDBOX_STAFF = Map.of(
            "officer", List.of(StaffRole.VETTING_OFFICER, StaffRole.APPROVER),
            "approver", List.of(StaffRole.APPROVER, StaffRole.VETTING_OFFICER),
            "admin", List.of(StaffRole.RA_ADMINISTRATOR),
            "auditor", List.of(StaffRole.AUDITOR));

    private final List<HttpServer> servers = new ArrayList<>();
    private FakeCorporateRegistry fakeRegistry;
    private WebClient client;

    static Path staffFile(Settings s) {
        return s.home().resolve("vetting/sandbox-staff.txt");
    }

    static Future<VettingServices> start(Vertx vertx, Settings settings, VettingStores stores, AuditLog audit,
            RateLimitCounters counters, WebSessions sessions, RegistrantLookup registrants, MailRelay mail,
            HttpServerOptions https, Clock clock) {
        VettingServices v = new VettingServices();
        VettingSettings vs = settings.vetting();
        VettingContext ctx = new VettingContext(stores, audit, clock, vertx);
        v.client = WebClient.create(vertx);
        Future<String> registryUrl;
        if (!vs.registryBaseUrl().isEmpty()) {
            registryUrl = Future.succeededFuture(vs.registryBaseUrl());
        } else if (settings.harness() != null) {
            registryUrl = FakeCorporateRegistry.start(vertx, "127.0.0.1", 0, SANDBOX_APPLICATION_ID,
                    FakeCorporateRegistry.sandbox()).map(fake -> {
                        v.fakeRegistry = fake;
                        LOG.info("sandbox corporate-number registry on 127.0.0.1:{}", fake.port());
                        return "http://127.0.0.1:" + fake.port();
                    });
        } else {
            return Future.failedFuture(new IllegalArgumentException("vetting.registryBaseUrl must name the 法人番号システム"
                    + " Web-API (https://api.houjin-bangou.nta.go.jp) with vetting.registryApplicationId"));
        }
        String appId = vs.registryApplicationId().isEmpty() ? SANDBOX_APPLICATION_ID : vs.registryApplicationId();
        ApplicantAccounts.Mail sender = (to, subject, text) -> mail.mailer() == null
                ? Future.failedFuture(new IllegalStateException("notification is disabled: no mail can be sent"))
                : mail.mailer().send(List.of(to), subject, text);
        return registryUrl.compose(url -> {
            VettingWeb web = new VettingWeb(vertx, ctx, new HoujinBangouApi(vertx, v.client, url, appId), registrants,
                    sender, counters, sessions,
                    vs.directoryUnder(settings.home()), vs.portalBaseUrl(), settings.acme().baseUrl() + "/directory");
            return v.listen(vertx, https, web.portal(), vs.portalListen(), settings.listenerLimits())
                    .compose(x -> v.listen(vertx, https, web.console(), vs.consoleListen(), settings.listenerLimits()));
        }).compose(x -> vs.sandboxStaff() && !settings.production() ? sandboxStaff(vertx, settings, ctx) : Future.<Void>succeededFuture())
                .map(v).recover(e -> v.stop().transform(x -> Future.failedFuture(e)));
    }

    /** On first start, the sandbox staff logins with random passwords, kept in a 0600 file the banner prints. */
    private static Future<Void> sandboxStaff(Vertx vertx, Settings settings, VettingContext ctx) {
        return ctx.stores().staff().all().compose(existing -> {
            if (!existing.isEmpty()) {
                return Future.succeededFuture();
            }
            StaffAccounts accounts = new StaffAccounts(ctx);
            SecureRandom random = new SecureRandom();
            StringBuilder file = new StringBuilder();
            List<Future<?>> created = new ArrayList<>();
            for (String id : List.of("officer", "approver", "admin", "auditor")) {
                byte[] b = new byte[12];
                random.nextBytes(b);
                String password = Base64.getUrlEncoder().withoutPadding().encodeToString(b);
                file.append(id).append(' ').append(password).append(' ').append(SANDBOX_STAFF.get(id)).append('\n');
                created.add(accounts.create("system", id, "Sandbox " + id, SANDBOX_STAFF.get(id), password));
            }
            return Future.all(created).compose(x -> vertx.executeBlocking(() -> {
                Path f = staffFile(settings);
                Files.createDirectories(f.getParent());
                // created owner-only before the passwords go in, never readable by others for a moment
                Files.deleteIfExists(f);
                Files.createFile(f, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                Files.writeString(f, file.toString());
                return null;
            }, false));
        }).mapEmpty();
    }

    private Future<Void> listen(Vertx vertx, HttpServerOptions options, io.vertx.ext.web.Router router,
            Settings.Listener at, ListenerLimits limits) {
        // the same idle and header deadlines, connection cap and header limits as every other listener (slowloris)
        return limits.server(vertx, limits.clientFacing(options), router).listen(at.port(), at.host()).map(s -> {
            servers.add(s);
            return null;
        });
    }

    Future<Void> stop() {
        List<Future<Void>> closing = new ArrayList<>();
        servers.forEach(s -> closing.add(s.close()));
        if (fakeRegistry != null) {
            closing.add(fakeRegistry.stop());
        }
        if (client != null) {
            client.close();
        }
        return Future.join(closing).mapEmpty();
    }
}
