package dev.inkan.core.model;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One serial and what became of it. A record is written RESERVED with its to-be-signed bytes before any
 * key signs (so a crash never leaves an unrecorded signature), then ISSUED with the signed certificate.
 *
 * @param serial         lowercase hex, no leading zeros; unique across the store
 * @param issuerId       which CA signs it ({@code dv}, {@code ov})
 * @param tbsDer         the DER TBSCertificate reserved for this serial
 * @param der            the signed final certificate, null until ISSUED (and for a revoked precertificate that never
 *                       got one)
 * @param dnsNames       the names in the SAN, lowercased
 * @param spkiSha256     hex SHA-256 of the subject public key info, for revocation by certificate key
 * @param revokedAt      when it was revoked, or null
 * @param revocationReason the reason, or null
 * @param precertificateDer the signed precertificate, null before PRECERTIFIED
 */
public record CertificateRecord(
        String serial,
        String issuerId,
        String accountId,
        String orderId,
        CertificateStatus status,
        byte[] tbsDer,
        byte[] der,
        List<String> dnsNames,
        String spkiSha256,
        Instant notBefore,
        Instant notAfter,
        Instant createdAt,
        Instant revokedAt,
        RevocationReason revocationReason,
        byte[] precertificateDer) {
    public CertificateRecord {
        Objects.requireNonNull(serial, "serial");
        Objects.requireNonNull(issuerId, "issuerId");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(createdAt, "createdAt");
        dnsNames = dnsNames == null ? List.of() : List.copyOf(dnsNames);
    }

    /** A record without a precertificate (reserved, or made before precertificates were recorded here). */
    public CertificateRecord(String serial, String issuerId, String accountId, String orderId, CertificateStatus status,
            byte[] tbsDer, byte[] der, List<String> dnsNames, String spkiSha256, Instant notBefore, Instant notAfter,
            Instant createdAt, Instant revokedAt, RevocationReason revocationReason) {
        this(serial, issuerId, accountId, orderId, status, tbsDer, der, dnsNames, spkiSha256, notBefore, notAfter,
                createdAt, revokedAt, revocationReason, null);
    }

    /** True when {@code certificateDer} is this serial's final certificate or its precertificate, byte for byte. */
    public boolean signed(byte[] certificateDer) {
        return certificateDer != null && (java.util.Arrays.equals(der, certificateDer)
                || java.util.Arrays.equals(precertificateDer, certificateDer));
    }
}
