package dev.inkan.ca.lint;

import java.util.Optional;

/** One rule a to-be-signed certificate must meet (BR 4.3.1.2: lint before signing). */
public interface CertificateLint {
    /** A short stable name, e.g. {@code san_present}, as the audit log and error details show it. */
    String name();

    /** What is wrong, or empty when the certificate meets the rule. */
    Optional<String> check(LintedCertificate c);
}
