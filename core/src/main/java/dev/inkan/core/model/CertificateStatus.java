package dev.inkan.core.model;

/**
 * Life of a serial in the certificate store.
 * RESERVED: the serial and the to-be-signed bytes are recorded, nothing is signed yet.
 * ISSUED: the final certificate is signed and stored. REVOKED: final. FAILED: never signed, never will be.
 */
public enum CertificateStatus {
    RESERVED, ISSUED, REVOKED, FAILED
}
