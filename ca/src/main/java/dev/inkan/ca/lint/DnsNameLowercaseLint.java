package dev.inkan.ca.lint;

import java.util.Locale;
import java.util.Optional;

/** The CA writes every dNSName in lowercase (RFC 8555 §7.1.4 names compare case-insensitively; we store one form). */
final class DnsNameLowercaseLint implements CertificateLint {
    @Override
    public String name() {
        return "dnsname_lowercase";
    }

    @Override
    public Optional<String> check(LintedCertificate c) {
        return c.dnsNames().stream()
                .filter(n -> !n.equals(n.toLowerCase(Locale.ROOT)))
                .findFirst()
                .map(n -> "the dNSName \"" + n + "\" is not lowercase");
    }
}
