package dev.inkan.ca.lint;

import java.util.Optional;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.Extension;

/** BR 7.1.2.11.1: authorityKeyIdentifier present with keyIdentifier only. */
final class AuthorityKeyIdentifierLint implements CertificateLint {
    @Override
    public String name() {
        return "authority_key_identifier";
    }

    @Override
    public Optional<String> check(LintedCertificate c) {
        Extension ext = c.extension(Extension.authorityKeyIdentifier);
        if (ext == null) {
            return Optional.of("the certificate has no authorityKeyIdentifier");
        }
        AuthorityKeyIdentifier aki = AuthorityKeyIdentifier.getInstance(ext.getParsedValue());
        if (aki.getKeyIdentifierObject() == null || aki.getAuthorityCertIssuer() != null
                || aki.getAuthorityCertSerialNumber() != null) {
            return Optional.of("authorityKeyIdentifier must hold a keyIdentifier and nothing else");
        }
        return Optional.empty();
    }
}
