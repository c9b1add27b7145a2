package dev.inkan.ca.profile;

import dev.inkan.ca.KeyIdentifiers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.CertificatePolicies;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.PolicyInformation;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;

/** The X.509 extensions the profiles use, each with the criticality its rule gives. */
public final class CertificateExtensions {
    /** BR §7.1.6.1 reserved policy identifiers. */
    public static final String DOMAIN_VALIDATED = "2.23.140.1.2.1";
    public static final String ORGANIZATION_VALIDATED = "2.23.140.1.2.2";

    private CertificateExtensions() {}

    /** BR §7.1.2.1 (root, no pathLen) and §7.1.2.10.4 (issuing CA, pathLen 0): critical. */
    public static Extension caBasicConstraints(Integer pathLen) {
        return ext(Extension.basicConstraints, true,
                pathLen == null ? new BasicConstraints(true) : new BasicConstraints(pathLen));
    }

    /** BR §7.1.2.7.8: cA FALSE, critical; DER omits the default, leaving an empty SEQUENCE. */
    public static Extension endEntityBasicConstraints() {
        return ext(Extension.basicConstraints, true, new BasicConstraints(false));
    }

    /** keyUsage is critical in every profile (BR §7.1.2.1, §7.1.2.7.11, §7.1.2.8, §7.1.2.10.7). */
    public static Extension keyUsage(int bits) {
        return ext(Extension.keyUsage, true, new KeyUsage(bits));
    }

    public static Extension extendedKeyUsage(KeyPurposeId purpose) {
        return ext(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purpose));
    }

    public static Extension subjectKeyIdentifier(SubjectPublicKeyInfo spki) {
        return ext(Extension.subjectKeyIdentifier, false,
                new SubjectKeyIdentifier(KeyIdentifiers.subjectKeyIdentifier(spki)));
    }

    /** BR §7.1.2.11.1: keyIdentifier only, equal to the issuer's subjectKeyIdentifier. */
    public static Extension authorityKeyIdentifier(byte[] issuerKeyId) {
        return ext(Extension.authorityKeyIdentifier, false, new AuthorityKeyIdentifier(issuerKeyId));
    }

    /** BR §7.1.2.7.7 / §7.1.2.10.3: OCSP then caIssuers, both http. */
    public static Extension authorityInformationAccess(String ocspUrl, String caIssuersUrl) {
        return ext(Extension.authorityInfoAccess, false, new AuthorityInformationAccess(new AccessDescription[] {
            new AccessDescription(AccessDescription.id_ad_ocsp, uri(ocspUrl)),
            new AccessDescription(AccessDescription.id_ad_caIssuers, uri(caIssuersUrl)),
        }));
    }

    /** AIA with caIssuers only: for a CA certificate whose issuer (the root) runs no OCSP responder. */
    public static Extension authorityInformationAccess(String caIssuersUrl) {
        return ext(Extension.authorityInfoAccess, false, new AuthorityInformationAccess(new AccessDescription[] {
            new AccessDescription(AccessDescription.id_ad_caIssuers, uri(caIssuersUrl)),
        }));
    }

    /** BR §7.1.2.11.2: one DistributionPoint with a fullName URI, no reasons, no cRLIssuer. */
    public static Extension crlDistributionPoint(String url) {
        DistributionPointName name = new DistributionPointName(new GeneralNames(uri(url)));
        return ext(Extension.cRLDistributionPoints, false,
                new CRLDistPoint(new DistributionPoint[] {new DistributionPoint(name, null, null)}));
    }

    /** BR §7.1.2.7.9: the reserved OID first, then the CA's own, no qualifiers. */
    public static Extension certificatePolicies(List<String> oids) {
        PolicyInformation[] policies = oids.stream()
                .map(o -> new PolicyInformation(new ASN1ObjectIdentifier(o)))
                .toArray(PolicyInformation[]::new);
        return ext(Extension.certificatePolicies, false, new CertificatePolicies(policies));
    }

    /** BR §7.1.2.7.12: critical only when the subject is empty. */
    public static Extension subjectAltName(List<String> dnsNames, boolean critical) {
        GeneralName[] names = dnsNames.stream()
                .map(n -> new GeneralName(GeneralName.dNSName, n))
                .toArray(GeneralName[]::new);
        return ext(Extension.subjectAlternativeName, critical, new GeneralNames(names));
    }

    /** RFC 6960 §4.2.2.2.1 id-pkix-ocsp-nocheck, NULL, non-critical (BR §7.1.2.8, CP 002 table 7.3.1). */
    public static Extension ocspNoCheck() {
        return ext(OCSPObjectIdentifiers.id_pkix_ocsp_nocheck, false, DERNull.INSTANCE);
    }

    private static GeneralName uri(String url) {
        return new GeneralName(GeneralName.uniformResourceIdentifier, url);
    }

    private static Extension ext(ASN1ObjectIdentifier oid, boolean critical, ASN1Encodable value) {
        try {
            return new Extension(oid, critical, value.toASN1Primitive().getEncoded("DER"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
