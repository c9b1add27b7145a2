package dev.inkan.ca.lint;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * BR 7.1.2.7.12: each dNSName is a fully-qualified name of LDH labels (no underscore, no trailing dot), at most
 * 253 characters, labels of 1 to 63 characters; a wildcard only as the whole leftmost label.
 */
final class DnsNameSyntaxLint implements CertificateLint {
    private static final Pattern LABEL = Pattern.compile("[a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?");

    @Override
    public String name() {
        return "dnsname_syntax";
    }

    @Override
    public Optional<String> check(LintedCertificate c) {
        return c.dnsNames().stream().filter(n -> !valid(n)).findFirst()
                .map(n -> "\"" + n + "\" is not a valid fully-qualified dNSName");
    }

    static boolean valid(String name) {
        String n = name.startsWith("*.") ? name.substring(2) : name;
        if (n.isEmpty() || name.length() > 253 || n.endsWith(".")) {
            return false;
        }
        String[] labels = n.split("\\.", -1);
        if (labels.length < 2) {
            return false;
        }
        for (String label : labels) {
            if (!LABEL.matcher(label).matches()) {
                return false;
            }
        }
        return true;
    }
}
