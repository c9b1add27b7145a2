package dev.inkan.ra;

import dev.inkan.core.error.CaException;
import dev.inkan.core.error.ErrorKind;
import dev.inkan.core.model.CertificateRecord;
import dev.inkan.core.model.CertificateStatus;
import dev.inkan.core.model.RenewalFlag;
import dev.inkan.core.model.RevocationReason;
import dev.inkan.core.port.AuditLog;
import dev.inkan.core.port.CertificateStore;
import dev.inkan.ra.op.AuditTrail;
import dev.inkan.ra.op.Revocation;
import dev.inkan.ra.op.StatusLink;
import io.vertx.core.Future;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;

/**
 * What CA staff do to a certificate by serial (CP 002 §4.9.2: the CA itself becomes the revocation requester):
 * revoke it for any BR reason, keyCompromise and privilegeWithdrawn included (BR 7.2.2 keeps those from
 * subscribers, not from the CA), and flag it for immediate renewal through ARI (RFC 9773 §4.2, ahead of a mass
 * revocation). Usable without the rest of the RA, so that the {@code revoke} command works on the store directly
 * when no server runs.
 */
public final class StaffRevocation {
    private final CertificateStore certificates;
    private final AuditTrail audit;
    private final StatusLink status;
    private final Revocation revocation;
    private final Clock clock;

    public StaffRevocation(CertificateStore certificates, AuditLog audit, StatusServices services, Clock clock) {
        this(certificates, new AuditTrail(audit, clock), link(services), clock);
    }

    StaffRevocation(CertificateStore certificates, AuditTrail audit, StatusLink status, Clock clock) {
        this.certificates = certificates;
        this.audit = audit;
        this.status = status;
        this.revocation = new Revocation(certificates, audit, status, clock);
        this.clock = clock;
    }

    /**
     * @param serial hex, any case, colons and leading zeros allowed (as openssl prints it)
     * @param staff  who decided, for the audit log
     * @return the REVOKED record; {@code alreadyRevoked} if it was, NOT_FOUND if no such certificate was issued
     */
    public Future<CertificateRecord> revoke(String serial, RevocationReason reason, String staff) {
        String hex;
        try {
            hex = normalized(serial);
        } catch (CaException e) {
            return Future.failedFuture(e);
        }
        return certificates.bySerial(hex).compose(found -> {
            CertificateRecord cert = found.orElseThrow(() -> notFound(hex));
            if (cert.status() == CertificateStatus.REVOKED) {
                throw new CaException(ErrorKind.ALREADY_REVOKED, "certificate " + hex + " is already revoked");
            }
            // BR 7.1.2.9: a signed precertificate is revocable like the certificate it promised
            if (!cert.status().revocable()) {
                throw notFound(hex);
            }
            return revocation.revoke(cert, reason, actor(staff), Map.of("channel", "staff"));
        });
    }

    /** Tells ARI clients to renew this certificate now (RFC 9773 §4.2); flagging twice keeps the first flag. */
    public Future<RenewalFlag> flagForRenewal(String serial, String explanationUrl, String staff) {
        String hex;
        try {
            hex = normalized(serial);
        } catch (CaException e) {
            return Future.failedFuture(e);
        }
        return certificates.bySerial(hex).compose(found -> {
            CertificateRecord cert = found.filter(c -> c.der() != null).orElseThrow(() -> notFound(hex));
            RenewalFlag flag = new RenewalFlag(cert.serial(), explanationUrl, actor(staff), clock.instant());
            return status.services().renewals().flag(flag).compose(stored -> audit.record("certificate.renewal-flagged",
                    actor(staff), cert.serial(), explanationUrl == null ? Map.of() : Map.of("explanationUrl",
                            explanationUrl)).map(stored));
        });
    }

    /** Lowercase hex without leading zeros, the store's spelling. */
    static String normalized(String serial) {
        String hex = serial == null ? "" : serial.replace(":", "").trim().toLowerCase(Locale.ROOT);
        if (hex.startsWith("0x")) {
            hex = hex.substring(2);
        }
        if (hex.isEmpty() || !hex.matches("[0-9a-f]+")) {
            throw new CaException(ErrorKind.MALFORMED, "a serial is hexadecimal, e.g. 3f2a...; got \"" + serial + "\"");
        }
        hex = hex.replaceFirst("^0+(?=.)", "");
        return hex;
    }

    private static String actor(String staff) {
        return "staff:" + (staff == null || staff.isBlank() ? "unknown" : staff);
    }

    private static CaException notFound(String hex) {
        return new CaException(ErrorKind.NOT_FOUND, "no certificate with serial " + hex + " was issued by this CA");
    }

    private static StatusLink link(StatusServices services) {
        StatusLink l = new StatusLink();
        l.connect(services);
        return l;
    }
}
