package dev.inkan.ca.ocsp;

import dev.inkan.core.model.CertificateRecord;
import dev.inkan.core.model.CertificateStatus;
import dev.inkan.core.model.RevocationReason;
import java.time.Instant;
import java.util.Optional;

/**
 * What an answer says about one serial (RFC 6960 §2.2). BR §4.9.10: never {@code good} for a serial that was not
 * issued, so anything but an issued or revoked certificate of this CA is {@code unknown}. BR 7.1.2.9: a serial
 * whose precertificate was signed counts as issued, whether or not its final certificate ever was.
 *
 * @param revokedAt null unless revoked
 * @param reason    null unless revoked
 */
record CertStatusAnswer(Kind kind, Instant revokedAt, RevocationReason reason) {
    enum Kind { GOOD, REVOKED, UNKNOWN }

    static final CertStatusAnswer GOOD = new CertStatusAnswer(Kind.GOOD, null, null);
    static final CertStatusAnswer UNKNOWN = new CertStatusAnswer(Kind.UNKNOWN, null, null);

    static CertStatusAnswer of(Optional<CertificateRecord> found, String caId) {
        if (found.isEmpty() || !found.get().issuerId().equals(caId)) {
            return UNKNOWN;
        }
        CertificateRecord c = found.get();
        if (c.status().revocable()) {
            return GOOD;
        }
        if (c.status() == CertificateStatus.REVOKED && c.revokedAt() != null) {
            return new CertStatusAnswer(Kind.REVOKED, c.revokedAt(),
                    c.revocationReason() == null ? RevocationReason.UNSPECIFIED : c.revocationReason());
        }
        return UNKNOWN;
    }
}
