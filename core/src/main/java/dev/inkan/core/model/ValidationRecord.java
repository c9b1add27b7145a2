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
        Instant checkedAt) {
    public ValidationRecord {
        addressesResolved = addressesResolved == null ? List.of() : List.copyOf(addressesResolved);
    }
}
