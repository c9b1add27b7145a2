package dev.inkan.core.vetting;

/** The checks an OV application passes before approval (CP 002 §3.2.2.1, §3.2.2.3, §3.2.5; BR 3.2.2.1, 3.2.5). */
public enum CheckType {
    /** Existence, legal name and address against the corporate-number registry (CP §3.2.2.1 source 2). */
    REGISTRY,
    /** A call-back to a number taken from a reliable source, never from the applicant (BR 3.2.2.1, 3.2.5). */
    TELEPHONE,
    /** The applicant's authority, confirmed through the contact reached by the call-back (CP §3.2.5). */
    AUTHORITY,
    /** Japan only: the registry shows a domestic head office (CP §3.2.2.3, C=JP). */
    COUNTRY,
    /** Each domain name's registrant is consistent with the organization (CP §3.2.5). */
    DOMAINS
}
