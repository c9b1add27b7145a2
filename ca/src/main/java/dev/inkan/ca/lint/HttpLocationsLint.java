package dev.inkan.ca.lint;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;

/**
 * BR 7.1.2.7.7 and 7.1.2.11.2: the authorityInformationAccess is present, and its locations and the CRL
 * distribution point's are http:// URIs; a CRL distribution point has no reasons and no cRLIssuer.
 */
final class HttpLocationsLint implements CertificateLint {
    @Override
    public String name() {
        return "http_locations";
    }

    @Override
    public Optional<String> check(LintedCertificate c) {
        Extension aia = c.extension(Extension.authorityInfoAccess);
        if (aia == null) {
            return Optional.of("the certificate has no authorityInformationAccess");
        }
        List<GeneralName> names = new ArrayList<>();
        Arrays.stream(AuthorityInformationAccess.getInstance(aia.getParsedValue()).getAccessDescriptions())
                .forEach(d -> names.add(d.getAccessLocation()));
        Extension crl = c.extension(Extension.cRLDistributionPoints);
        if (crl != null) {
            for (DistributionPoint dp : CRLDistPoint.getInstance(crl.getParsedValue()).getDistributionPoints()) {
                if (dp.getReasons() != null || dp.getCRLIssuer() != null || dp.getDistributionPoint() == null) {
                    return Optional.of("a CRL distribution point has reasons, a cRLIssuer or no fullName");
                }
                names.addAll(Arrays.asList(GeneralNames.getInstance(dp.getDistributionPoint().getName()).getNames()));
            }
        }
        return names.stream()
                .filter(n -> n.getTagNo() != GeneralName.uniformResourceIdentifier
                        || !n.getName().toString().startsWith("http://"))
                .findFirst()
                .map(n -> "location " + n.getName() + " is not an http:// URI");
    }
}
