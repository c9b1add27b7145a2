package dev.inkan.app;

import dev.inkan.acme.wire.AcmeUrls;
import dev.inkan.caa.AuditedIodefReporter;
import dev.inkan.caa.CaaConfig;
import dev.inkan.caa.CaaService;
import dev.inkan.caa.IodefMail;
import dev.inkan.core.port.CaaChecker;
import dev.inkan.core.port.ValidationAuthority;
import dev.inkan.dns.DnsResolver;
import dev.inkan.ra.CaaChecking;
import dev.inkan.storage.Storage;
import dev.inkan.validators.ValidationAuthorityImpl;
import dev.inkan.validators.ValidationSlots;
import dev.inkan.validators.perspective.CorroboratingCaaChecker;
import dev.inkan.validators.perspective.CorroboratingValidationAuthority;
import dev.inkan.validators.perspective.MpicPolicy;
import dev.inkan.validators.perspective.RemotePerspectives;
import io.vertx.core.Vertx;
import java.time.Clock;

/**
 * Validation and CAA wiring: the primary perspective's validation authority and CAA checker (BR 3.2.2.8: issuer
 * domain names from {@code acme.caaIdentities}, CP 002 §4.2.4), corroborated by the remote perspectives when
 * configured (BR 3.2.2.9), iodef reports mailed through the notification relay when there is one, and every CAA
 * check stored; account URLs follow the ACME front end's layout (RFC 8657 accounturi).
 */
final class ValidationServices {
    private final ValidationAuthority validation;
    private final CaaChecking caa;

    private ValidationServices(ValidationAuthority validation, CaaChecking caa) {
        this.validation = validation;
        this.caa = caa;
    }

    static ValidationServices wire(Vertx vertx, Settings settings, Storage storage, ValidationAuthorityImpl primary,
            MailRelay mail, Clock clock) {
        PerspectiveSettings p = settings.perspectives();
        MpicPolicy policy = new MpicPolicy(settings.validation().production(), p.remotes());
        String misconfigured = policy.misconfiguration(clock.instant());
        if (misconfigured != null) {
            throw new IllegalArgumentException("validation.remotePerspectives: " + misconfigured);
        }
        CaaChecker checker = new CaaService(DnsResolver.of(vertx, settings.validation().dns(), clock),
                CaaConfig.of(settings.acme().caaIdentities()),
                new AuditedIodefReporter(storage.stores().audit(), iodefMail(mail), clock), clock);
        ValidationAuthority va = primary;
        if (policy.active()) {
            RemotePerspectives remotes = RemotePerspectives.connect(vertx, p.remotes(), p.clientTls(), p.timeout());
            va = new CorroboratingValidationAuthority(primary, remotes, policy, clock);
            checker = new CorroboratingCaaChecker(checker, remotes, policy, clock);
        }
        Settings.ValidationLimits limits = settings.validationLimits();
        va = new ValidationSlots(va, vertx, limits.overall(), limits.perAccount(), limits.maxWait());
        AcmeUrls urls = new AcmeUrls(settings.acme().baseUrl());
        return new ValidationServices(va, new CaaChecking(checker, storage.caaChecks(), urls::account));
    }

    ValidationAuthority validationAuthority() {
        return validation;
    }

    CaaChecking caa() {
        return caa;
    }

    /** RFC 8659 §4.4 reports go through the CA's mail relay; without one they are recorded only. */
    private static IodefMail iodefMail(MailRelay mail) {
        SmtpMailer mailer = mail.mailer();
        return mailer == null ? null : mailer::send;
    }
}
