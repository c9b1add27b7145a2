package dev.inkan.core.vetting;

import java.util.Objects;

/**
 * The vetted organization an OV certificate names (CP 002 §3.1.1, BR §7.1.2.7.4). The subject DN comes from
 * this record, never from the CSR. No organizationalUnitName: BR §7.1.2.7.4 forbids it (SC-47, since 2022-09-01).
 *
 * @param country             ISO 3166 alpha-2, e.g. JP
 */
public record OrganizationSubject(String country, String stateOrProvince, String locality, String organization) {
    public OrganizationSubject {
        Objects.requireNonNull(country, "country");
        Objects.requireNonNull(stateOrProvince, "stateOrProvince");
        Objects.requireNonNull(locality, "locality");
        Objects.requireNonNull(organization, "organization");
        if (!country.matches("[A-Z]{2}")) {
            throw new IllegalArgumentException("country must be two capital letters: " + country);
        }
        // BR §7.1.4: O at most 64 characters, ST and L at most 128
        if (organization.isBlank() || organization.length() > 64) {
            throw new IllegalArgumentException("organization must be 1 to 64 characters");
        }
        if (stateOrProvince.isBlank() || stateOrProvince.length() > 128
                || locality.isBlank() || locality.length() > 128) {
            throw new IllegalArgumentException("state and locality must be 1 to 128 characters");
        }
    }
}
