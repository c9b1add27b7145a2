package dev.inkan.ca.issuance;

import java.util.Locale;

/** The points of the pipeline after which a crash leaves a distinct state behind (see docs/issuance.md). */
public enum IssuanceStep {
    /** The serial and the precertificate TBS are stored; nothing is signed. */
    SERIAL_RESERVED,
    /** The HSM signed the precertificate; the signature is not stored yet. */
    PRECERTIFICATE_SIGNED,
    /** The signed precertificate is stored. */
    PRECERTIFICATE_RECORDED,
    /** The logs' SCTs are verified; nothing about them is stored yet. */
    SCTS_RECEIVED,
    /** The SCTs and the final TBS are stored as the one final certificate this serial may get. */
    FINAL_INTENDED,
    /** The HSM signed the final certificate; it is not stored yet. */
    FINAL_SIGNED,
    /** The final certificate is stored. */
    ISSUED;

    /** {@code precertificate-signed} for PRECERTIFICATE_SIGNED. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static IssuanceStep fromWire(String s) {
        return valueOf(s.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
    }
}
