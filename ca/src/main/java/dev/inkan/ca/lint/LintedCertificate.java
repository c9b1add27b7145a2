package dev.inkan.ca.lint;

import dev.inkan.ca.profile.CtExtensions;
import java.util.Arrays;
import java.util.List;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.X509CertificateHolder;

/**
 * A TBSCertificate signed with a throwaway key and parsed back, as the lints see it.
 *
 * @param tbsDer the exact bytes the HSM would sign
 */
public record LintedCertificate(X509CertificateHolder certificate, byte[] tbsDer) {

    /** RFC 6962 §3.1: a precertificate is known by its poison extension. */
    public boolean isPrecertificate() {
        return certificate.getExtension(CtExtensions.POISON) != null;
    }

    public Extension extension(ASN1ObjectIdentifier oid) {
        return certificate.getExtension(oid);
    }

    /** Every GeneralName of the subjectAltName, empty when there is none. */
    public List<GeneralName> subjectAltNames() {
        Extension san = extension(Extension.subjectAlternativeName);
        if (san == null) {
            return List.of();
        }
        return Arrays.asList(GeneralNames.getInstance(san.getParsedValue()).getNames());
    }

    public List<String> dnsNames() {
        return subjectAltNames().stream()
                .filter(n -> n.getTagNo() == GeneralName.dNSName)
                .map(n -> n.getName().toString())
                .toList();
    }
}
