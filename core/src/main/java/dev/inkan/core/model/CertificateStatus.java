package dev.inkan.core.model;

/**
 * Life of a serial in the certificate store.
 * RESERVED: the serial and the to-be-signed bytes are recorded, nothing is signed yet.
 * PRECERTIFIED: the precertificate is signed; the final certificate is not (yet, or ever). BR 7.1.2.9 and 4.9.10
 * treat a signed precertificate as an issued certificate: status is served as for one, it can be revoked and then
 * appears on the CRL.
 * ISSUED: the final certificate is signed and stored. REVOKED: final. FAILED: never signed, never will be.
 */
public enum CertificateStatus {
    RESERVED, PRECERTIFIED, ISSUED, REVOKED, FAILED;

    /** A signature exists for the serial: status is {@code good} and revocation is open (BR 7.1.2.9). */
    public boolean revocable() {
        return this == PRECERTIFIED || this == ISSUED;
    }
}
