package dev.inkan.ra.op;

import dev.inkan.core.error.CaException;
import dev.inkan.core.error.ErrorKind;
import dev.inkan.core.model.CertificateRecord;
import dev.inkan.core.model.CertificateStatus;
import dev.inkan.core.port.RegistrationAuthority.RenewalInfo;
import dev.inkan.ra.policy.AriCertId;
import dev.inkan.ra.policy.RenewalWindow;
import dev.inkan.ra.policy.RenewalWindow.Window;
import io.vertx.core.Future;

/**
 * RFC 9773 §4: the renewal window of a certificate named by its CertID, for anyone who asks (the request is not
 * authenticated). Revoked and operator-flagged certificates are told to renew now.
 */
public final class RenewalInfoOperation {
    private final OperationContext ctx;
    private final StatusLink status;
    private final RenewalWindow windows;

    public RenewalInfoOperation(OperationContext ctx, StatusLink status, RenewalWindow windows) {
        this.ctx = ctx;
        this.status = status;
        this.windows = windows;
    }

    public Future<RenewalInfo> run(String certIdText) {
        AriCertId certId = AriCertId.parse(certIdText);
        return ctx.certificates().bySerial(certId.serialHex()).compose(found -> {
            CertificateRecord c = found
                    .filter(r -> r.der() != null && AriCertId.of(r.der()).sameAs(certId))
                    .orElseThrow(() -> new CaException(ErrorKind.NOT_FOUND,
                            "no certificate of this CA has the CertID " + certIdText));
            if (c.status() == CertificateStatus.REVOKED) {
                return Future.succeededFuture(info(windows.immediate(ctx.now()), status.services().explanationUrl()));
            }
            return status.services().renewals().flagOf(c.serial()).map(flag -> flag.isPresent()
                    ? info(windows.immediate(ctx.now()), flag.get().explanationUrl())
                    : info(windows.ordinary(c.notBefore(), c.notAfter()), null));
        });
    }

    private RenewalInfo info(Window w, String explanationUrl) {
        return new RenewalInfo(w.start(), w.end(), explanationUrl, windows.retryAfter());
    }
}
