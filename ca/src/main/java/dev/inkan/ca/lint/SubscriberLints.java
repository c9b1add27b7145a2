package dev.inkan.ca.lint;

import java.util.List;

/** The lints every subscriber certificate and precertificate passes (BR 7.1.2.7, 7.1.2.9, 6.3.2). */
public final class SubscriberLints {
    private SubscriberLints() {}

    public static List<CertificateLint> all() {
        return List.of(
                new EncodingLint(),
                new SerialPositiveNonZeroLint(),
                new ValidityWithinCapLint(),
                new SubjectAltNamePresentLint(),
                new DnsNameLowercaseLint(),
                new DnsNameSyntaxLint(),
                new ArpaDnsNameLint(),
                new CommonNameInSanLint(),
                new ForbiddenExtensionLint(),
                new CriticalityLint(),
                new ExtendedKeyUsageLint(),
                new KeyUsageLint(),
                new CertificatePoliciesLint(),
                new HttpLocationsLint(),
                new AuthorityKeyIdentifierLint(),
                new BasicConstraintsLint(),
                new CtExtensionsLint());
    }
}
