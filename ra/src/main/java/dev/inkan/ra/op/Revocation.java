package dev.inkan.ra.op;

import dev.inkan.core.error.CaException;
import dev.inkan.core.error.ErrorKind;
import dev.inkan.core.model.CertificateRecord;
import dev.inkan.core.model.RevocationReason;
import dev.inkan.core.port.CertificateStore;
import dev.inkan.ra.StatusServices;
import io.vertx.core.Future;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one way a certificate becomes revoked, whoever asked: a keyCompromise first blocks the key (BR 6.1.1.3 (4):
 * never certified again), then the certificate goes ISSUED to REVOKED (final: nothing moves it back), the
 * issuer's revocation count is bumped (CRL publishers in any process then publish a new CRL), the audit log
 * records who asked and why, and the listeners (CRL, OCSP, subscriber email) are told; the request completes once
 * they published it, so "revoked" means relying parties already see it.
 */
public final class Revocation {
    private static final Logger LOG = LoggerFactory.getLogger(Revocation.class);

    private final CertificateStore certificates;
    private final AuditTrail audit;
    private final StatusLink status;
    private final Clock clock;

    public Revocation(CertificateStore certificates, AuditTrail audit, StatusLink status, Clock clock) {
        this.certificates = certificates;
        this.audit = audit;
        this.status = status;
        this.clock = clock;
    }

    /**
     * @param actor   who asked: an account, the certificate key, a staff member
     * @param details extra audit facts
     * @return the REVOKED record
     */
    public Future<CertificateRecord> revoke(CertificateRecord cert, RevocationReason reason, String actor,
            Map<String, String> details) {
        StatusServices s = status.services();
        Future<Void> blocked = reason == RevocationReason.KEY_COMPROMISE && cert.spkiSha256() != null
                ? s.blockedKeys().block(cert.spkiSha256(), "keyCompromise: certificate " + cert.serial())
                : Future.succeededFuture();
        return blocked
                .compose(v -> certificates.revoke(cert.serial(), reason, clock.instant()))
                .compose(done -> {
                    CertificateRecord revoked = done.orElseThrow(() -> new CaException(ErrorKind.ALREADY_REVOKED,
                            "the certificate " + cert.serial() + " is already revoked"));
                    return counted(s, revoked)
                            .compose(v -> audited(revoked, reason, actor, details))
                            .compose(v -> published(s, revoked))
                            .map(revoked);
                });
    }

    /**
     * A certificate already revoked for another reason whose key is then shown compromised (a keyCompromise request
     * signed by that key): the key is blocked (BR 6.1.1.3 (4)) and the proof audited, as Boulder re-revokes. The
     * recorded revocation (reason and date, on the CRL and in OCSP) is final and stays as it was.
     */
    public Future<Void> keyCompromisedAfterRevocation(CertificateRecord cert, String actor) {
        if (cert.spkiSha256() == null) {
            return Future.failedFuture(new CaException(ErrorKind.ALREADY_REVOKED,
                    "the certificate " + cert.serial() + " is already revoked"));
        }
        return status.services().blockedKeys()
                .block(cert.spkiSha256(), "keyCompromise: certificate " + cert.serial() + " (after revocation as "
                        + cert.revocationReason() + ")")
                .compose(v -> audit.record("certificate.key-compromised", actor, cert.serial(), Map.of(
                        "blockedKey", cert.spkiSha256(),
                        "revocationReason", String.valueOf(cert.revocationReason()))));
    }

    /** The revocation stands whatever happens here; a failed count only delays the CRL to its next schedule. */
    private static Future<Void> counted(StatusServices s, CertificateRecord revoked) {
        return s.crlCounters().revocationRecorded(revoked.issuerId()).<Void>mapEmpty().recover(e -> {
            LOG.error("revocation of {} not counted; its CRL follows on schedule", revoked.serial(), e);
            return Future.succeededFuture();
        });
    }

    private Future<Void> audited(CertificateRecord revoked, RevocationReason reason, String actor,
            Map<String, String> details) {
        Map<String, String> facts = new HashMap<>(details);
        facts.put("reason", reason.name());
        facts.put("code", String.valueOf(reason.code()));
        facts.put("issuerId", revoked.issuerId());
        if (reason == RevocationReason.KEY_COMPROMISE && revoked.spkiSha256() != null) {
            facts.put("blockedKey", revoked.spkiSha256());
        }
        return audit.record("certificate.revoked", actor, revoked.serial(), facts);
    }

    /** Waits until the listeners published it (CRL, OCSP); their failure is logged, the revocation stands. */
    private static Future<Void> published(StatusServices s, CertificateRecord revoked) {
        Future<Void> told;
        try {
            told = s.events().revoked(revoked);
        } catch (RuntimeException e) {
            told = Future.failedFuture(e);
        }
        return told.recover(e -> {
            LOG.error("the revocation of {} is recorded but its publication failed; the next CRL lists it",
                    revoked.serial(), e);
            return Future.succeededFuture();
        });
    }
}
