package dev.inkan.core.model;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The precertificate of one serial and the stage its issuance reached (RFC 6962 §3.1, BR 7.1.2.9). It sits next
 * to the serial's {@link CertificateRecord}; the two share the serial.
 *
 * @param serial           lowercase hex, no leading zeros
 * @param precertTbsDer    the TBSCertificate with the CT poison extension
 * @param precertDer       the signed precertificate, null before SIGNED
 * @param scts             the TLS-encoded SCTs embedded in the final certificate, empty before FINAL_INTENDED
 * @param finalTbsDer      the final TBSCertificate (poison replaced by the SCT list), null before FINAL_INTENDED
 * @param error            why it was abandoned, or null
 */
public record Precertificate(
        String serial,
        String issuerId,
        String orderId,
        PrecertificateStage stage,
        byte[] precertTbsDer,
        byte[] precertDer,
        List<byte[]> scts,
        byte[] finalTbsDer,
        String error,
        Instant createdAt,
        Instant updatedAt) {
    public Precertificate {
        Objects.requireNonNull(serial, "serial");
        Objects.requireNonNull(issuerId, "issuerId");
        Objects.requireNonNull(stage, "stage");
        Objects.requireNonNull(precertTbsDer, "precertTbsDer");
        Objects.requireNonNull(createdAt, "createdAt");
        scts = scts == null ? List.of() : List.copyOf(scts);
        if (updatedAt == null) {
            updatedAt = createdAt;
        }
    }
}
