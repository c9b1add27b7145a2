package dev.inkan.core.model;

import java.util.Optional;

/**
 * The CRL reason codes the Baseline Requirements allow (BR 7.2.2): never certificateHold (6), never
 * removeFromCRL (8) or the attribute/CA reasons.
 */
public enum RevocationReason {
    UNSPECIFIED(0),
    KEY_COMPROMISE(1),
    AFFILIATION_CHANGED(3),
    SUPERSEDED(4),
    CESSATION_OF_OPERATION(5),
    PRIVILEGE_WITHDRAWN(9);

    private final int code;

    RevocationReason(int code) {
        this.code = code;
    }

    /** The RFC 5280 CRLReason code. */
    public int code() {
        return code;
    }

    public static Optional<RevocationReason> fromCode(int code) {
        for (RevocationReason r : values()) {
            if (r.code == code) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }
}
