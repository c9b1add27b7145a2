package dev.inkan.core.vetting;

/** A vetted organization is usable for OV until suspended (CP 002 §4.9: issuance stops at once). */
public enum OrganizationStatus {
    VETTED,
    SUSPENDED
}
