package dev.inkan.core.vetting;

/** Where an application stands. RETURNED goes back to SUBMITTED when the applicant resubmits. */
public enum CaseStatus {
    SUBMITTED,
    RETURNED,
    APPROVED,
    REJECTED;

    public boolean decided() {
        return this == APPROVED || this == REJECTED;
    }
}
