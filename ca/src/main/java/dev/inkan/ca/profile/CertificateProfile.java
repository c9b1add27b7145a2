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
 * @param cap                   the longest period this profile ever issues, below the BR's own cap
 */
public record CertificateProfile(
        String name,
        String issuerId,
        String reservedPolicyOid,
        String cpOid,
        boolean organizationSubject,
        Duration validity,
        Duration cap) {
    /** BR §6.3.2: "SHOULD NOT be issued for the maximum permissible time by default". */
    public static final Duration DEFAULT_VALIDITY = Duration.ofDays(90);
    /** BR 1.6.1 (SC-081): a Short-lived Subscriber Certificate lasts at most 7 days from 2026-03-15. */
    public static final Duration SHORT_LIVED_CAP = Duration.ofDays(7);
    /** No cap of the profile's own: the BR's schedule ({@link MaximumValidity}) applies alone. */
    public static final Duration NO_CAP = Duration.ofDays(398);

    public CertificateProfile {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(issuerId, "issuerId");
        Objects.requireNonNull(reservedPolicyOid, "reservedPolicyOid");
        Objects.requireNonNull(cpOid, "cpOid");
        if (validity.isNegative() || validity.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("validity must be positive: " + validity);
        }
        Objects.requireNonNull(cap, "cap");
        if (validity.compareTo(cap) > 0) {
            throw new IllegalArgumentException("profile '" + name + "' issues at most " + cap + ", not " + validity);
        }
    }

    public static CertificateProfile dv(String cpOid) {
        return new CertificateProfile("dv", CaIds.DV, CertificateExtensions.DOMAIN_VALIDATED, cpOid, false,
                DEFAULT_VALIDITY, NO_CAP);
    }

    public static CertificateProfile ov(String cpOid) {
        return new CertificateProfile("ov", CaIds.OV, CertificateExtensions.ORGANIZATION_VALIDATED, cpOid, true,
                DEFAULT_VALIDITY, NO_CAP);
    }

    /**
     * DV for at most 7 days (BR 7.1.2.7, "Short-lived Subscriber Certificate"): the same extensions as dv, so a
     * relying party that checks revocation still finds the CRL and OCSP URLs.
     */
    public static CertificateProfile shortLived(String cpOid) {
        return new CertificateProfile("shortlived", CaIds.DV, CertificateExtensions.DOMAIN_VALIDATED, cpOid, false,
                SHORT_LIVED_CAP, SHORT_LIVED_CAP);
    }

    /** The profiles every deployment offers. */
    public static List<CertificateProfile> defaults(String cpOid) {
        return List.of(dv(cpOid), ov(cpOid), shortLived(cpOid));
    }

    /** The same profile issuing {@code v} by default; more than the profile's cap is refused. */
    public CertificateProfile withValidity(Duration v) {
        return new CertificateProfile(name, issuerId, reservedPolicyOid, cpOid, organizationSubject, v, cap);
    }

    /** BR §7.1.2.7.9: the reserved OID first, then the CA's. */
    public List<String> policyOids() {
        return List.of(reservedPolicyOid, cpOid);
    }
}
