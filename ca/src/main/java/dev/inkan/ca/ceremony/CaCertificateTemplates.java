package dev.inkan.ca.ceremony;

import dev.inkan.ca.CaUrls;
import dev.inkan.ca.DistinguishedNames;
import dev.inkan.ca.SignatureAlgorithm;
import dev.inkan.ca.profile.CertificateExtensions;
import dev.inkan.ca.profile.TbsCertificates;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x509.TBSCertificate;
import org.bouncycastle.cert.X509CertificateHolder;

/** The to-be-signed root, issuing CA and OCSP responder certificates (BR §7.1.2.1, §7.1.2.10, §7.1.2.8). */
final class CaCertificateTemplates {
    private final CaUrls urls;
    private final String cpOid;

    CaCertificateTemplates(CaUrls urls, String cpOid) {
        this.urls = urls;
        this.cpOid = cpOid;
    }

    /**
     * @param issuer the signing CA's certificate; null for the self-signed root
     */
    TBSCertificate tbs(CaDefinition def, BigInteger serial, SignatureAlgorithm algorithm,
            X509CertificateHolder issuer, SubjectPublicKeyInfo spki, Instant notBefore, Instant notAfter) {
        X500Name subject = DistinguishedNames.parse(def.subjectDn());
        X500Name issuerName = issuer == null ? subject
                : X500Name.getInstance(issuer.toASN1Structure().getTBSCertificate().getSubject());
        List<Extension> ext = switch (def.role()) {
            case CaDefinition.ROOT -> root(spki);
            case CaDefinition.ISSUING -> issuing(def, spki, keyId(issuer));
            case CaDefinition.OCSP -> ocspResponder(spki, keyId(issuer));
            default -> throw new IllegalArgumentException("unknown role " + def.role());
        };
        return TbsCertificates.build(serial, algorithm, issuerName, notBefore, notAfter, subject, spki, ext);
    }

    /** BR §7.1.2.1: CA:true without pathLen, keyCertSign+cRLSign, SKI; no AKI, no EKU, no policies. */
    private List<Extension> root(SubjectPublicKeyInfo spki) {
        return List.of(
                CertificateExtensions.caBasicConstraints(null),
                CertificateExtensions.keyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign),
                CertificateExtensions.subjectKeyIdentifier(spki));
    }

    /**
     * BR §7.1.2.10 (TLS subordinate CA) with CP 002 table 7.1.2 and seed-002 §10.19: pathLen 0; keyCertSign and
     * cRLSign only (CP 002 table 6.1: no digitalSignature, OCSP goes through the delegated responder); EKU
     * serverAuth only (BR §7.1.2.10.6, Chrome); the reserved policy OID plus the CP's.
     */
    private List<Extension> issuing(CaDefinition def, SubjectPublicKeyInfo spki, byte[] issuerKeyId) {
        List<Extension> ext = new ArrayList<>();
        ext.add(CertificateExtensions.caBasicConstraints(0));
        ext.add(CertificateExtensions.keyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        ext.add(CertificateExtensions.extendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
        ext.add(CertificateExtensions.authorityKeyIdentifier(issuerKeyId));
        ext.add(CertificateExtensions.subjectKeyIdentifier(spki));
        // BR §7.1.2.10.3: the OCSP URL is optional; the root runs no responder, so none is named (revoked CA
        // certificates are on the root's CRL, below, which the CRL publisher keeps current)
        ext.add(CertificateExtensions.authorityInformationAccess(urls.caIssuers(def.issuerId())));
        ext.add(CertificateExtensions.certificatePolicies(List.of(def.reservedPolicyOid(), cpOid)));
        ext.add(CertificateExtensions.crlDistributionPoint(urls.crl(def.issuerId())));
        return ext;
    }

    /**
     * CP 002 table 7.3.1 and BR §7.1.2.8: digitalSignature only, EKU OCSPSigning only, id-pkix-ocsp-nocheck,
     * AKI; the CP's table also lists SKI and its policy OID (both allowed by the BR, not required).
     */
    private List<Extension> ocspResponder(SubjectPublicKeyInfo spki, byte[] issuerKeyId) {
        return List.of(
                CertificateExtensions.keyUsage(KeyUsage.digitalSignature),
                CertificateExtensions.extendedKeyUsage(KeyPurposeId.id_kp_OCSPSigning),
                CertificateExtensions.ocspNoCheck(),
                CertificateExtensions.authorityKeyIdentifier(issuerKeyId),
                CertificateExtensions.subjectKeyIdentifier(spki),
                CertificateExtensions.certificatePolicies(List.of(cpOid)));
    }

    private static byte[] keyId(X509CertificateHolder issuer) {
        Extension ski = issuer.getExtension(Extension.subjectKeyIdentifier);
        if (ski == null) {
            throw new IllegalStateException("CA certificate " + issuer.getSubject() + " has no subjectKeyIdentifier");
        }
        return SubjectKeyIdentifier.getInstance(ski.getParsedValue()).getKeyIdentifier();
    }
}
