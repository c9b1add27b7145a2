package dev.inkan.validators;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Where the registrant lookup asks (BR 3.2.2.4 as amended by SC-080: RDAP through IANA's bootstrap registry, WHOIS
 * through IANA's referral) and how long it may rely on what it was told.
 *
 * @param rdapBootstrapUrl IANA's RDAP bootstrap file for domain names (RFC 9224)
 * @param bootstrapCache   where the bootstrap file is kept between starts, with the time it was fetched
 * @param ianaWhois        IANA's WHOIS server, {@code host} or {@code host:port}
 * @param whoisPort        the port of the WHOIS servers IANA refers to (RFC 3912: 43)
 * @param maxAge           how long a bootstrap file or a registrant answer may be reused; at most 48 hours
 * @param timeout          per RDAP request or WHOIS query
 */
public record RegistrantConfig(String rdapBootstrapUrl, Path bootstrapCache, String ianaWhois, int whoisPort,
        Duration maxAge, Duration timeout) {
    /** SC-080: "MUST NOT rely on cached WHOIS-server or RDAP-bootstrap data older than 48 hours". */
    public static final Duration MAX_AGE = Duration.ofHours(48);
    public static final String IANA_BOOTSTRAP = "https://data.iana.org/rdap/dns.json";
    public static final String IANA_WHOIS = "whois.iana.org";

    public RegistrantConfig {
        Objects.requireNonNull(rdapBootstrapUrl, "rdapBootstrapUrl");
        Objects.requireNonNull(bootstrapCache, "bootstrapCache");
        Objects.requireNonNull(ianaWhois, "ianaWhois");
        maxAge = maxAge == null ? MAX_AGE : maxAge;
        if (maxAge.isNegative() || maxAge.isZero() || maxAge.compareTo(MAX_AGE) > 0) {
            throw new IllegalArgumentException("registrant data may be reused for at most 48 hours (BR 3.2.2.4,"
                    + " SC-080), not " + maxAge);
        }
        timeout = timeout == null ? Duration.ofSeconds(10) : timeout;
    }

    /** IANA's bootstrap file and WHOIS server, answers reused for at most 48 hours. */
    public static RegistrantConfig iana(Path bootstrapCache) {
        return new RegistrantConfig(IANA_BOOTSTRAP, bootstrapCache, IANA_WHOIS, 43, MAX_AGE, Duration.ofSeconds(10));
    }

    String ianaHost() {
        int colon = ianaWhois.lastIndexOf(':');
        return colon < 0 ? ianaWhois : ianaWhois.substring(0, colon);
    }

    int ianaPort() {
        int colon = ianaWhois.lastIndexOf(':');
        return colon < 0 ? 43 : Integer.parseInt(ianaWhois.substring(colon + 1));
    }
}
