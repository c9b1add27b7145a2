package dev.inkan.core.model;

import java.time.Instant;
import java.util.Objects;

/**
 * One revoked certificate as a CRL lists it (RFC 5280 §5.1.2.6): what the CRL and the OCSP responder need,
 * without the certificate's bytes.
 *
 * @param serial lowercase hex, no leading zeros
 * @param reason never null; {@link RevocationReason#UNSPECIFIED} is written as no reasonCode (BR 7.2.2)
 */
public record RevokedEntry(String serial, Instant revokedAt, RevocationReason reason, Instant notAfter) {
    public RevokedEntry {
        Objects.requireNonNull(serial, "serial");
        Objects.requireNonNull(revokedAt, "revokedAt");
        Objects.requireNonNull(notAfter, "notAfter");
        reason = reason == null ? RevocationReason.UNSPECIFIED : reason;
    }
}
