package dev.inkan.ca.profile;

import dev.inkan.ca.CaIds;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * A subscriber certificate profile (CP 002 table 7.1.1, BR §7.1.2.7) as data.
 *
 * @param name                  the profile name the RA and ACME clients use ({@code dv}, {@code ov})
 * @param issuerId              the issuing CA that signs it
 * @param reservedPolicyOid     the CA/Browser Forum policy OID (BR §7.1.6.1): exactly one
 * @param cpOid                 the CA's own policy OID (CP 002 §1.2)
 * @param organizationSubject   OV: the subject carries the vetted organization (C, ST, L, O) besides the CN
 * @param validity              the period issued by default; {@link MaximumValidity} cuts it when the BR says so
 */
public record CertificateProfile(
        String name,
        String issuerId,
        String reservedPolicyOid,
        String cpOid,
        boolean organizationSubject,
        Duration validity) {
    /** BR §6.3.2: "SHOULD NOT be issued for the maximum permissible time by default". */
    public static final Duration DEFAULT_VALIDITY = Duration.ofDays(90);

    public CertificateProfile {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(issuerId, "issuerId");
        Objects.requireNonNull(reservedPolicyOid, "reservedPolicyOid");
        Objects.requireNonNull(cpOid, "cpOid");
        if (validity.isNegative() || validity.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("validity must be positive: " + validity);
        }
    }

    public static CertificateProfile dv(String cpOid) {
        return new CertificateProfile("dv", CaIds.DV, CertificateExtensions.DOMAIN_VALIDATED, cpOid, false,
                DEFAULT_VALIDITY);
    }

    public static CertificateProfile ov(String cpOid) {
        return new CertificateProfile("ov", CaIds.OV, CertificateExtensions.ORGANIZATION_VALIDATED, cpOid, true,
                DEFAULT_VALIDITY);
    }

    /** The profiles every deployment offers. */
    public static List<CertificateProfile> defaults(String cpOid) {
        return List.of(dv(cpOid), ov(cpOid));
    }

    public CertificateProfile withValidity(Duration v) {
        return new CertificateProfile(name, issuerId, reservedPolicyOid, cpOid, organizationSubject, v);
    }

    /** BR §7.1.2.7.9: the reserved OID first, then the CA's. */
    public List<String> policyOids() {
        return List.of(reservedPolicyOid, cpOid);
    }
}
