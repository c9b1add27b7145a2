package dev.inkan.core.model;

import java.time.Instant;
import java.util.Objects;

/**
 * A certificate made by the key ceremony: the root, an issuing CA or an OCSP responder.
 *
 * @param id         stable name: {@code root}, {@code dv}, {@code ov}, {@code ocsp-dv}, {@code ocsp-ov}
 * @param role       {@code root}, {@code issuing} or {@code ocsp}
 * @param keyAlias   the alias of the private key in the HSM token
 * @param issuerId   the id of the CA certificate that signed it (itself for the root)
 * @param spkiSha256 hex SHA-256 of the subject public key info
 */
public record CaCertificate(
        String id,
        String role,
        String subjectDn,
        String keyAlias,
        String issuerId,
        byte[] der,
        String spkiSha256,
        Instant createdAt) {
    public CaCertificate {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(der, "der");
    }
}
