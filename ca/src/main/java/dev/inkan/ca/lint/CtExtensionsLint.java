package dev.inkan.ca.lint;

import dev.inkan.ca.profile.CtExtensions;
import java.util.Arrays;
import java.util.Optional;
import org.bouncycastle.asn1.x509.Extension;

/**
 * RFC 6962 §3.1 and BR 7.1.2.9: every subscriber certificate goes through CT, so a TBS is either a precertificate
 * with the poison (value exactly 05 00) or a final certificate with an SCT list.
 */
final class CtExtensionsLint implements CertificateLint {
    private static final byte[] NULL = {0x05, 0x00};

    @Override
    public String name() {
        return "ct_extensions";
    }

    @Override
    public Optional<String> check(LintedCertificate c) {
        Extension poison = c.extension(CtExtensions.POISON);
        if (poison != null) {
            return Arrays.equals(poison.getExtnValue().getOctets(), NULL)
                    ? Optional.empty()
                    : Optional.of("the CT poison's value must be ASN.1 NULL (05 00)");
        }
        Extension scts = c.extension(CtExtensions.SCT_LIST);
        if (scts == null) {
            return Optional.of("the certificate has neither the CT poison nor an SCT list");
        }
        return Optional.empty();
    }
}
