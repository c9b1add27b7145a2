package dev.inkan.ca.lint;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.bouncycastle.asn1.x509.CertificatePolicies;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.PolicyInformation;

/** BR 7.1.2.7.9: exactly one CA/Browser Forum reserved policy OID, first; never anyPolicy. */
final class CertificatePoliciesLint implements CertificateLint {
    private static final Set<String> RESERVED = Set.of("2.23.140.1.2.1", "2.23.140.1.2.2", "2.23.140.1.2.3",
            "2.23.140.1.1");
    private static final String ANY_POLICY = "2.5.29.32.0";

    @Override
    public String name() {
        return "certificate_policies";
    }

    @Override
    public Optional<String> check(LintedCertificate c) {
        Extension cp = c.extension(Extension.certificatePolicies);
        if (cp == null) {
            return Optional.of("the certificate has no certificatePolicies");
        }
        List<String> oids = Arrays.stream(CertificatePolicies.getInstance(cp.getParsedValue()).getPolicyInformation())
                .map(PolicyInformation::getPolicyIdentifier).map(o -> o.getId()).toList();
        if (oids.contains(ANY_POLICY)) {
            return Optional.of("certificatePolicies must not hold anyPolicy");
        }
        if (oids.stream().filter(RESERVED::contains).count() != 1 || !RESERVED.contains(oids.get(0))) {
            return Optional.of("certificatePolicies must hold exactly one reserved CA/B Forum OID, first");
        }
        return Optional.empty();
    }
}
