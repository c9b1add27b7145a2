package dev.inkan.ra.policy;

import java.security.PublicKey;
import java.util.List;

/**
 * A CSR that passed {@link CsrPolicy}: what issuance needs from it, nothing else (the profile decides
 * every other field of the certificate).
 *
 * @param subjectPublicKeyInfo DER SubjectPublicKeyInfo
 * @param dnsNames             lowercased; the CSR's common name first when it had one, the rest sorted
 * @param keyThumbprint        RFC 7638 thumbprint of the key, to compare with account keys
 */
public record CertificateRequest(
        byte[] subjectPublicKeyInfo, PublicKey publicKey, List<String> dnsNames, String keyThumbprint) {
    public CertificateRequest {
        dnsNames = List.copyOf(dnsNames);
    }
}
