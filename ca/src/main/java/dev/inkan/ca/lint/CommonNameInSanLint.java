package dev.inkan.ca.lint;

import java.util.Optional;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;

/** BR 7.1.2.7.2 / 7.1.4.3: a commonName, when present, is exactly one of the subjectAltName values. */
final class CommonNameInSanLint implements CertificateLint {
    @Override
    public String name() {
        return "cn_in_san";
    }

    @Override
    public Optional<String> check(LintedCertificate c) {
        RDN[] cns = c.certificate().getSubject().getRDNs(BCStyle.CN);
        if (cns.length > 1) {
            return Optional.of("the subject has more than one commonName");
        }
        if (cns.length == 1) {
            String cn = IETFUtils.valueToString(cns[0].getFirst().getValue());
            if (!c.dnsNames().contains(cn)) {
                return Optional.of("the commonName \"" + cn + "\" is not among the subjectAltName names");
            }
        }
        return Optional.empty();
    }
}
