package dev.inkan.core.vetting;

import dev.inkan.core.error.CaException;
import dev.inkan.core.error.ErrorKind;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * An organization whose identity was vetted and approved by two people (CP 002 §3.2.2.1, §3.2.5). OV certificates
 * name it through {@link #subject()}; the CSR's subject is never used.
 *
 * @param vettedAt    when the earliest of the checks behind the approval was made: the BR 4.2.1 reuse period
 *                    counts from it
 * @param domainNames the base domain names whose registrant was found consistent with the organization; an OV
 *                    certificate may name these and their subdomains
 * @param version     bumped by every change, for conditional updates
 */
public record VettedOrganization(
        String id,
        String caseId,
        String legalNameJa,
        String legalNameEn,
        String corporateNumber,
        OrganizationSubject subject,
        List<String> domainNames,
        Instant vettedAt,
        Instant approvedAt,
        String approvedBy,
        OrganizationStatus status,
        String statusReason,
        int version) {
    public VettedOrganization {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(vettedAt, "vettedAt");
        Objects.requireNonNull(status, "status");
        domainNames = List.copyOf(domainNames);
    }

    /** When the vetting stops being reusable for certificates signed from now on (BR 4.2.1). */
    public Instant reusableUntil(Instant now) {
        return vettedAt.plus(SubjectIdentityReuse.maxAge(now));
    }

    /**
     * Refuses unless an OV certificate naming this organization may be signed at {@code at}: not suspended and
     * inside the BR 4.2.1 reuse period. The detail tells the subscriber what to do.
     */
    public void requireUsableForOv(Instant at) {
        if (status == OrganizationStatus.SUSPENDED) {
            throw new CaException(ErrorKind.UNAUTHORIZED, "the organization " + legalNameEn
                    + " is suspended for OV certificates" + (statusReason == null ? "" : " (" + statusReason + ")")
                    + "; contact the vetting team");
        }
        if (!SubjectIdentityReuse.reusable(vettedAt, at)) {
            throw new CaException(ErrorKind.UNAUTHORIZED, "the vetting of " + legalNameEn + " from " + vettedAt
                    + " is older than the " + SubjectIdentityReuse.maxAge(at).toDays()
                    + " days the Baseline Requirements (4.2.1) allow; apply for re-vetting in the portal");
        }
    }

    /** Whether a DNS name is one of the vetted domain names or below one. */
    public boolean covers(String dnsName) {
        String n = dnsName.toLowerCase(Locale.ROOT);
        String base = n.startsWith("*.") ? n.substring(2) : n;
        return domainNames.stream().anyMatch(d -> base.equals(d) || base.endsWith("." + d));
    }

    public VettedOrganization withStatus(OrganizationStatus s, String reason) {
        return new VettedOrganization(id, caseId, legalNameJa, legalNameEn, corporateNumber, subject, domainNames,
                vettedAt, approvedAt, approvedBy, s, reason, version + 1);
    }
}
