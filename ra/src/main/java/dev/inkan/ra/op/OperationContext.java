package dev.inkan.ra.op;

import dev.inkan.core.port.AccountStore;
import dev.inkan.core.port.AuthorizationStore;
import dev.inkan.core.port.CertificateAuthority;
import dev.inkan.core.port.CertificateStore;
import dev.inkan.core.port.OrderStore;
import dev.inkan.core.port.ValidationAuthority;
import dev.inkan.ra.RaConfig;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Instant;

/** What every operation works with: the settings, the ports, time, the audit trail and background work. */
public record OperationContext(
        RaConfig config,
        AccountStore accounts,
        OrderStore orders,
        AuthorizationStore authorizations,
        CertificateStore certificates,
        ValidationAuthority validationAuthority,
        CertificateAuthority certificateAuthority,
        Vertx vertx,
        Clock clock,
        AuditTrail audit,
        BackgroundWork background) {

    public Instant now() {
        return clock.instant();
    }
}
