package dev.inkan.core.port;

import dev.inkan.core.model.CertificateRecord;
import dev.inkan.core.vetting.OrganizationSubject;
import io.vertx.core.Future;
import java.util.List;
import java.util.Objects;

/**
 * The signing authority as the RA sees it. It holds the keys; it checks nothing about domain control,
 * which the RA has done. The returned record is ISSUED.
 */
public interface CertificateAuthority {

    /**
     * @param profile              {@code dv}, {@code ov}, ...
     * @param subjectPublicKeyInfo DER SubjectPublicKeyInfo from the CSR
     * @param dnsNames             lowercased; the first one becomes the CN when the profile has one
     * @param gate                 asked immediately before each HSM signature
     * @param organization         OV: the vetted organization the RA checked at finalize, whose C, ST, L and O the
     *                             subject carries (never the CSR's); null for profiles without one
     */
    record IssuanceRequest(String orderId, String accountId, String profile, byte[] subjectPublicKeyInfo,
            List<String> dnsNames, SigningGate gate, OrganizationSubject organization) {
        public IssuanceRequest {
            dnsNames = List.copyOf(dnsNames);
            Objects.requireNonNull(gate, "gate");
        }

        /** A request whose names need no check at signing time (the CA's own tests and tools). */
        public IssuanceRequest(String orderId, String accountId, String profile, byte[] subjectPublicKeyInfo,
                List<String> dnsNames) {
            this(orderId, accountId, profile, subjectPublicKeyInfo, dnsNames, SigningGate.OPEN, null);
        }

        /** A request without an organization (DV and short-lived profiles). */
        public IssuanceRequest(String orderId, String accountId, String profile, byte[] subjectPublicKeyInfo,
                List<String> dnsNames, SigningGate gate) {
            this(orderId, accountId, profile, subjectPublicKeyInfo, dnsNames, gate, null);
        }
    }

    /**
     * What must still hold at the moment the HSM signs (BR 3.2.2.8: CAA is relied on for at most max(TTL, 8 h)
     * after it was checked, and issuance is the signature, not the finalize request). The RA supplies it; the CA
     * asks it right before signing the precertificate and again before the final certificate, and a failure stops
     * issuance with its problem.
     */
    @FunctionalInterface
    interface SigningGate {
        SigningGate OPEN = () -> Future.succeededFuture();

        Future<Void> beforeSigning();
    }

    Future<CertificateRecord> issue(IssuanceRequest request);
}
