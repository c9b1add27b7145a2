package dev.inkan.vetting.web;

import dev.inkan.core.port.WebSessions;
import dev.inkan.vetting.ApplicantAccounts;
import dev.inkan.vetting.Applications;
import dev.inkan.vetting.Decisions;
import dev.inkan.vetting.EvidenceFiles;
import dev.inkan.vetting.OrganizationControl;
import dev.inkan.vetting.SignInThrottle;
import dev.inkan.vetting.StaffAccounts;
import dev.inkan.vetting.VettingChecks;
import dev.inkan.vetting.VettingContext;
import io.vertx.ext.web.Router;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Duration;

/** Builds the portal and console routers. */
public final class WebFronts {
    /** Staff sessions end after 15 idle minutes; applicants' after 30. Both live in the store (SharedSessions). */
    static final Duration STAFF_IDLE = Duration.ofMinutes(15);
    static final Duration APPLICANT_IDLE = Duration.ofMinutes(30);

    private WebFronts() {}

    public static Router portal(Vertx vertx, VettingContext ctx, ApplicantAccounts accounts, Applications applications,
            EvidenceFiles evidence, SignInThrottle throttle, String acmeDirectory, Path uploads, WebSessions sessions) {
        return new PortalRoutes(new Pages(vertx, "portal"), accounts, applications, evidence, throttle, acmeDirectory)
                .router(vertx, uploads, new SharedSessions(vertx, sessions, "portal"), APPLICANT_IDLE.toMillis());
    }

    public static Router console(Vertx vertx, VettingContext ctx, StaffAccounts staff, VettingChecks checks,
            Decisions decisions, OrganizationControl organizations, EvidenceFiles evidence, SignInThrottle throttle,
            WebSessions sessions) {
        return new ConsoleRoutes(new Pages(vertx, "console"), ctx, staff, checks, decisions, organizations, evidence,
                throttle)
                .router(vertx, new SharedSessions(vertx, sessions, "console"), STAFF_IDLE.toMillis());
    }
}
