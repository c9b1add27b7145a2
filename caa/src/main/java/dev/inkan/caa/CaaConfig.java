package dev.inkan.caa;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * How this CA reads CAA.
 *
 * @param issuerDomainNames the issuer domain names this CA recognises in {@code issue} and {@code issuewild}
 *                          (BR 3.2.2.8: the ones its CP/CPS §4.2 lists; CP 002 §4.2.4: {@code jprs.jp}); the
 *                          same list the ACME directory advertises as {@code caaIdentities}
 * @param perspective       the name this perspective records, {@code primary} for the local one
 */
public record CaaConfig(List<String> issuerDomainNames, String perspective) {
    public static final List<String> DEFAULT_ISSUER_DOMAIN_NAMES = List.of("jprs.jp");
    public static final String PRIMARY = "primary";
    /** RFC 8659 §4.2: issuer-domain-name = label *("." label), label = (ALPHA / DIGIT) *( *("-") (ALPHA / DIGIT)). */
    static final Pattern ISSUER_DOMAIN_NAME =
            Pattern.compile("[A-Za-z0-9](-*[A-Za-z0-9])*(\\.[A-Za-z0-9](-*[A-Za-z0-9])*)*");

    public CaaConfig {
        Objects.requireNonNull(perspective, "perspective");
        issuerDomainNames = (issuerDomainNames == null || issuerDomainNames.isEmpty()
                ? DEFAULT_ISSUER_DOMAIN_NAMES : issuerDomainNames).stream()
                .map(n -> n.trim().toLowerCase(Locale.ROOT))
                .toList();
        for (String n : issuerDomainNames) {
            if (!ISSUER_DOMAIN_NAME.matcher(n).matches()) {
                throw new IllegalArgumentException("not a CAA issuer domain name (RFC 8659 §4.2): \"" + n + "\"");
            }
        }
    }

    /** {@code jprs.jp}, as CP 002 §4.2.4 names it, on the primary perspective. */
    public static CaaConfig defaults() {
        return new CaaConfig(DEFAULT_ISSUER_DOMAIN_NAMES, PRIMARY);
    }

    public static CaaConfig of(List<String> issuerDomainNames) {
        return new CaaConfig(issuerDomainNames, PRIMARY);
    }
}
