package dev.inkan.app;

import java.util.Locale;

/**
 * What one {@code inkan serve} process does when the CA runs as several (docs/design/signer-handover.md).
 * {@code ALL} is the single process; the others split it so front ends scale out and one signer holds the HSM.
 */
enum Role {
    /** Everything in one process: today's default. */
    ALL,
    /**
     * ACME with its validations, the reseller order API, the OV applicant portal and the staff console; no HSM, no
     * state of its own; finalized orders are queued for the signer.
     */
    FRONTEND,
    /** The HSM: issuance of queued orders, CT, CRLs and OCSP; one active per HSM, a standby takes over. */
    SIGNER,
    /** A remote validation perspective (multi-perspective corroboration). */
    PERSPECTIVE,
    /** The embedded MongoDB-compatible store alone, on loopback, for processes on the same machine. */
    STORE;

    static Role parse(String s) {
        try {
            return valueOf(s.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("role must be all, frontend, signer, perspective or store, not " + s);
        }
    }

    String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
