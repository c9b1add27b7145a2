package dev.inkan.core.model;

import java.time.Instant;
import java.util.List;

/**
 * What one domain-control check saw, kept as audit evidence (BR 3.2.2.4: method, version, value, time).
 *
 * @param method            the ACME challenge type or BR method name
 * @param brSection         the BR section the method implements, e.g. {@code 3.2.2.4.19}
 * @param hostname          the name checked
 * @param url               the URL fetched or the DNS name queried
 * @param addressesResolved the addresses our resolver returned
 * @param addressUsed       the address connected to, or null
 * @param valueSeen         what was found (truncated), or null
 * @param perspective       which network perspective made the check ({@code primary} for the local one)
 * @param dnssec            for a check that read DNS records as its evidence (dns-01): {@code secure},
 *                          {@code insecure} or {@code unvalidated}, as a CAA check records it (BR 3.2.2.4, 5.4.1);
 *                          null for other checks or when no answer came
 */
public record ValidationRecord(
        String method,
        String brSection,
        String hostname,
        String url,
        List<String> addressesResolved,
        String addressUsed,
        String valueSeen,
        String perspective,
        Instant checkedAt,
        String dnssec) {
    public ValidationRecord {
        addressesResolved = addressesResolved == null ? List.of() : List.copyOf(addressesResolved);
    }

    /** A record of a check whose evidence is not a DNS record set. */
    public ValidationRecord(String method, String brSection, String hostname, String url,
            List<String> addressesResolved, String addressUsed, String valueSeen, String perspective,
            Instant checkedAt) {
        this(method, brSection, hostname, url, addressesResolved, addressUsed, valueSeen, perspective, checkedAt,
                null);
    }
}
