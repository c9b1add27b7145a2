package dev.inkan.vetting;

import dev.inkan.core.port.RateLimitCounters;
import dev.inkan.core.port.RegistrantLookup;
import dev.inkan.core.port.WebSessions;
import dev.inkan.vetting.registry.CorporateRegistry;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import java.nio.file.Path;

/** The two web fronts of organization vetting, each for its own HTTPS listener. */
public final class VettingWeb {
    private final Router portal;
    private final Router console;

    /**
     * @param registrants   the domain names' registrants (RDAP/WHOIS), for the registrant-consistency check
     * @param counters      failed sign-ins, counted in the store (every front end the same)
     * @param sessions      the portal's and console's sessions, in the store (several front ends share them)
     * @param home          where evidence (never served) and upload spool files live
     * @param portalUrl     the portal's public URL, for the email verification link
     * @param acmeDirectory shown with the EAB key
     */
    public VettingWeb(Vertx vertx, VettingContext ctx, CorporateRegistry registry, RegistrantLookup registrants,
            ApplicantAccounts.Mail mail, RateLimitCounters counters, WebSessions sessions, Path home, String portalUrl,
            String acmeDirectory) {
        EvidenceFiles evidence = new EvidenceFiles(vertx, home.resolve("evidence"), ctx.clock());
        StaffAccounts staff = new StaffAccounts(ctx);
        this.portal = dev.inkan.vetting.web.WebFronts.portal(vertx, ctx, new ApplicantAccounts(ctx, mail, portalUrl),
                new Applications(ctx), evidence, new SignInThrottle(ctx, counters, "applicant"), acmeDirectory,
                home.resolve("uploads"), sessions);
        this.console = dev.inkan.vetting.web.WebFronts.console(vertx, ctx, staff, new VettingChecks(ctx, registry, registrants),
                new Decisions(ctx, staff), new OrganizationControl(ctx), evidence,
                new SignInThrottle(ctx, counters, "staff"), sessions);
    }

    public Router portal() {
        return portal;
    }

    public Router console() {
        return console;
    }
}
