package dev.inkan.ra.policy;

import java.time.Duration;
import java.util.Map;

/**
 * What an ACME profile promises besides its CA profile (draft-ietf-acme-profiles §3): the description the directory
 * shows, and how long the authorizations of its orders last. The certificate validity is the CA profile's.
 *
 * @param authorizationReuse           how long a validation may be reused for this profile's orders, when shorter
 *                                     than the BR 4.2.1 window and the operator's cap; null for no shorter limit
 * @param pendingAuthorizationLifetime how long a new authorization of this profile waits for its challenge; null
 *                                     for the RA's default
 */
public record ProfileTerms(String description, Duration authorizationReuse, Duration pendingAuthorizationLifetime) {
    private static final Map<String, ProfileTerms> KNOWN = Map.of(
            "dv", new ProfileTerms("Domain-validated server certificate (CP 002 table 7.1.1), valid 90 days;"
                    + " listed on the CRL and OCSP when revoked.", null, null),
            "shortlived", new ProfileTerms("Domain-validated server certificate valid at most 7 days (BR short-lived"
                    + " certificate), for automated renewal; authorizations are reused for at most 7 hours.",
                    Duration.ofHours(7), Duration.ofHours(7)),
            "ov", new ProfileTerms("Organization-validated server certificate (CP 002 table 7.1.1): the subject"
                    + " names the organization vetted for the account; valid 90 days.", null, null));

    /** The terms of a profile name; a name we do not know gets a plain description and the RA's lifetimes. */
    public static ProfileTerms of(String name) {
        return KNOWN.getOrDefault(name, new ProfileTerms("Certificate profile " + name + ".", null, null));
    }
}
