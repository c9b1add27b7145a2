package dev.inkan.app;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The validation methods outside ACME (reseller and portal orders).
 *
 * @param emailConfirmationUrl  the page the BR 3.2.2.4.4 email links to ({@code ra.emailConfirmationUrl}; default the
 *                              ACME listener's {@code /validation/email})
 * @param domainContactTlds     TLDs whose domains this CA is the registrar (or registry) of, where BR 3.2.2.4.12 may
 *                              validate ({@code ra.domainContactTlds}, empty by default)
 * @param rdapBootstrapUrl      {@code validation.rdapBootstrapUrl}; blank: IANA's, or the sandbox's fake registries
 * @param ianaWhois             {@code validation.ianaWhois}; blank: whois.iana.org, or the sandbox's fake
 * @param whoisPort             {@code validation.whoisPort}, the port of the WHOIS servers IANA refers to
 * @param registrantMaxAge      {@code validation.registrantMaxAgeHours}, at most 48 (BR 3.2.2.4, SC-080)
 * @param bootstrapCache        where the RDAP bootstrap file is kept ({@code INKAN_HOME/rdap/dns.json})
 * @param challengeWait         {@code validation.challengeWaitMillis}: how long a challenge response waits for the
 *                              validation's outcome before answering with the processing challenge (0: at once)
 */
record DomainValidationSettings(String emailConfirmationUrl, List<String> domainContactTlds, String rdapBootstrapUrl,
        String ianaWhois, int whoisPort, Duration registrantMaxAge, Path bootstrapCache, Duration challengeWait) {
    static final String CONFIRMATION_PATH = "/validation/email";

    static DomainValidationSettings from(JsonObject validation, JsonObject ra, Path home, String acmeBaseUrl) {
        String confirm = ra.getString("emailConfirmationUrl", "");
        JsonArray tlds = ra.getJsonArray("domainContactTlds", new JsonArray());
        long hours = validation.getLong("registrantMaxAgeHours", 48L);
        if (hours < 1 || hours > 48) {
            throw new IllegalArgumentException("validation.registrantMaxAgeHours must be 1 to 48 (BR 3.2.2.4, SC-080:"
                    + " no WHOIS or RDAP data older than 48 hours), not " + hours);
        }
        return new DomainValidationSettings(
                confirm.isBlank() ? acmeBaseUrl + CONFIRMATION_PATH : confirm.replaceAll("/+$", ""),
                tlds.stream().map(String::valueOf).toList(),
                validation.getString("rdapBootstrapUrl", ""),
                validation.getString("ianaWhois", ""),
                validation.getInteger("whoisPort", 43),
                Duration.ofHours(hours),
                home.resolve("rdap").resolve("dns.json"),
                Duration.ofMillis(Math.max(0, validation.getLong("challengeWaitMillis", 2000L))));
    }
}
