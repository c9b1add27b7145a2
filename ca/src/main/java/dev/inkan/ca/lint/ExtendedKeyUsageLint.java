package dev.inkan.ca.lint;

import java.util.Optional;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;

/** BR 7.1.2.7.10 and the Chrome Root Program: extKeyUsage present with id-kp-serverAuth and nothing else. */
final class ExtendedKeyUsageLint implements CertificateLint {
    @Override
    public String name() {
        return "eku_server_auth_only";
    }

    @Override
    public Optional<String> check(LintedCertificate c) {
        Extension eku = c.extension(Extension.extendedKeyUsage);
        if (eku == null) {
            return Optional.of("the certificate has no extKeyUsage");
        }
        KeyPurposeId[] usages = ExtendedKeyUsage.getInstance(eku.getParsedValue()).getUsages();
        if (usages.length != 1 || !usages[0].equals(KeyPurposeId.id_kp_serverAuth)) {
            return Optional.of("extKeyUsage must be id-kp-serverAuth only");
        }
        return Optional.empty();
    }
}
