package dev.inkan.ra.op;

import dev.inkan.core.error.CaException;
import dev.inkan.core.error.ErrorKind;
import dev.inkan.core.model.AuthorizationStatus;
import dev.inkan.core.model.CertificateRecord;
import dev.inkan.core.model.CertificateStatus;
import dev.inkan.core.model.Identifier;
import dev.inkan.core.model.RevocationReason;
import dev.inkan.core.port.RegistrationAuthority.RevocationRequest;
import io.vertx.core.Future;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.bouncycastle.cert.X509CertificateHolder;

/**
 * RFC 8555 §7.6 revokeCert, either by the certificate's own key or by an account that ordered the
 * certificate or holds valid authorizations for every name in it.
 */
public final class RevokeCertificateOperation {
    private final OperationContext ctx;
    private final Ownership ownership;
    private final Revocation revocation;

    public RevokeCertificateOperation(OperationContext ctx, Ownership ownership, Revocation revocation) {
        this.ctx = ctx;
        this.ownership = ownership;
        this.revocation = revocation;
    }

    public Future<Void> run(RevocationRequest request) {
        RevocationReason reason = request.reason() == null ? RevocationReason.UNSPECIFIED : request.reason();
        requireSubscriberReason(reason, request.byCertificateKey());
        String serial = serialOf(request.certificateDer());
        return ctx.certificates().bySerial(serial).compose(found -> {
            CertificateRecord known = found.orElse(null);
            if (keyShownCompromisedAfterRevocation(known, request, reason)) {
                return revocation.keyCompromisedAfterRevocation(known, "certificate-key:" + known.serial());
            }
            CertificateRecord cert = ours(known, request.certificateDer());
            return authorized(cert, request).compose(v -> revoke(cert, reason, request));
        });
    }

    /**
     * BR 4.9.1.1 and 6.1.1.3 (4): revoked earlier for another reason, the key is now proven compromised by a request
     * it signed; the key must still reach the blocklist.
     */
    private static boolean keyShownCompromisedAfterRevocation(CertificateRecord cert, RevocationRequest request,
            RevocationReason reason) {
        return cert != null && cert.signed(request.certificateDer())
                && cert.status() == CertificateStatus.REVOKED && reason == RevocationReason.KEY_COMPROMISE
                && request.byCertificateKey() && cert.revocationReason() != RevocationReason.KEY_COMPROMISE;
    }

    /**
     * BR 7.2.2: privilegeWithdrawn is not a subscriber's choice. keyCompromise must be shown by signing with
     * the compromised key itself (as Boulder asks); the key is then blocked (BR 6.1.1.3 (4)).
     */
    private static void requireSubscriberReason(RevocationReason reason, boolean byCertificateKey) {
        if (reason == RevocationReason.PRIVILEGE_WITHDRAWN) {
            throw new CaException(ErrorKind.BAD_REVOCATION_REASON,
                    "privilegeWithdrawn (9) is not available to subscribers; use 0, 1, 3, 4 or 5");
        }
        if (reason == RevocationReason.KEY_COMPROMISE && !byCertificateKey) {
            throw new CaException(ErrorKind.BAD_REVOCATION_REASON, "keyCompromise (1) must be requested with a JWS "
                    + "signed by the certificate's own key, which proves the key is compromised");
        }
    }

    private static String serialOf(byte[] der) {
        try {
            return new X509CertificateHolder(der).getSerialNumber().toString(16);
        } catch (IOException | RuntimeException e) {
            throw new CaException(ErrorKind.MALFORMED, "could not parse the certificate: it must be DER X.509");
        }
    }

    /**
     * Only a certificate we issued, byte for byte, is revocable here: the final certificate or, BR 7.1.2.9, its
     * precertificate (the one a subscriber can hold when issuance stopped after it was signed).
     */
    private static CertificateRecord ours(CertificateRecord cert, byte[] der) {
        if (cert == null || !cert.signed(der)) {
            throw new CaException(ErrorKind.NOT_FOUND, "the certificate was not issued by this CA");
        }
        if (cert.status() == CertificateStatus.REVOKED) {
            throw new CaException(ErrorKind.ALREADY_REVOKED, "the certificate " + cert.serial() + " is already revoked");
        }
        if (!cert.status().revocable()) {
            throw new CaException(ErrorKind.NOT_FOUND, "the certificate was not issued by this CA");
        }
        return cert;
    }

    private Future<Void> authorized(CertificateRecord cert, RevocationRequest request) {
        if (request.byCertificateKey()) {
            return Future.succeededFuture();
        }
        return ownership.validAccount(request.accountId()).compose(account -> {
            if (account.id().equals(cert.accountId())) {
                return Future.succeededFuture();
            }
            Instant now = ctx.now();
            List<Future<Boolean>> held = cert.dnsNames().stream().map(n -> holdsName(account.id(), n, now)).toList();
            return Future.all(held).map(done -> {
                if (!held.stream().allMatch(Future::result)) {
                    throw new CaException(ErrorKind.UNAUTHORIZED, "the account neither ordered this certificate "
                            + "nor holds valid authorizations for every name in it");
                }
                return null;
            });
        });
    }

    /** A valid, unexpired authorization for the name (for a wildcard, for its base domain of either kind). */
    private Future<Boolean> holdsName(String accountId, String name, Instant now) {
        Identifier id = Identifier.dns(name);
        Future<Boolean> exact = validAuthorization(accountId, id.baseName(), id.isWildcard(), now);
        return id.isWildcard()
                ? exact.compose(ok -> ok ? Future.succeededFuture(true) : validAuthorization(accountId, id.baseName(), false, now))
                : exact;
    }

    private Future<Boolean> validAuthorization(String accountId, String name, boolean wildcard, Instant now) {
        return ctx.authorizations().findReusable(accountId, name, wildcard, now).map(found -> found
                .filter(a -> a.status() == AuthorizationStatus.VALID && a.expires().isAfter(now))
                .isPresent());
    }

    private Future<Void> revoke(CertificateRecord cert, RevocationReason reason, RevocationRequest request) {
        String actor = request.byCertificateKey()
                ? "certificate-key:" + cert.serial()
                : AuditTrail.account(request.accountId());
        return revocation.revoke(cert, reason, actor,
                Map.of("byCertificateKey", String.valueOf(request.byCertificateKey()), "channel", "acme"))
                .mapEmpty();
    }
}
