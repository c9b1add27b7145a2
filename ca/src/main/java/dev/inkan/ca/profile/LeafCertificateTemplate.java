package dev.inkan.ca.profile;

import dev.inkan.ca.CaUrls;
import dev.inkan.ca.SignatureAlgorithm;
import dev.inkan.core.vetting.OrganizationSubject;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x509.TBSCertificate;
import org.bouncycastle.cert.X509CertificateHolder;

/**
 * The to-be-signed subscriber certificate of one profile and issuing CA (CP 002 table 7.1.1 as BR §7.1.2.7 and
 * seed-002 §10.15-§10.18 amend it): serverAuth only, no subjectKeyIdentifier, keyEncipherment only for RSA.
 */
public final class LeafCertificateTemplate {
    /** BR §7.1.4: commonName at most 64 characters. */
    private static final int MAX_CN = 64;

    private final CertificateProfile profile;
    private final X500Name issuerName;
    private final byte[] issuerKeyId;
    private final CaUrls urls;
    private final SignatureAlgorithm algorithm;

    public LeafCertificateTemplate(
            CertificateProfile profile, X509CertificateHolder issuer, CaUrls urls, SignatureAlgorithm algorithm) {
        this.profile = profile;
        // BR §7.1.4: the issuer field is byte-identical to the issuing CA's subject
        this.issuerName = X500Name.getInstance(issuer.toASN1Structure().getTBSCertificate().getSubject());
        Extension ski = issuer.getExtension(Extension.subjectKeyIdentifier);
        if (ski == null) {
            throw new IllegalArgumentException("issuing CA '" + profile.issuerId() + "' has no subjectKeyIdentifier");
        }
        this.issuerKeyId = SubjectKeyIdentifier.getInstance(ski.getParsedValue()).getKeyIdentifier();
        this.urls = urls;
        this.algorithm = algorithm;
    }

    /**
     * The precertificate TBS (RFC 6962 §3.1): every extension of the final certificate, then the poison last, where
     * the final certificate carries its SCT list.
     */
    public TBSCertificate precertificate(
            BigInteger serial,
            Instant notBefore,
            Instant notAfter,
            SubjectPublicKeyInfo spki,
            List<String> dnsNames,
            Optional<OrganizationSubject> organization) {
        if (dnsNames.isEmpty()) {
            throw new IllegalArgumentException("a subscriber certificate needs at least one DNS name");
        }
        X500Name subject = subject(dnsNames, organization);
        return TbsCertificates.build(serial, algorithm, issuerName, notBefore, notAfter, subject, spki,
                extensions(serial, spki, dnsNames, subject.getRDNs().length == 0));
    }

    private List<Extension> extensions(BigInteger serial, SubjectPublicKeyInfo spki, List<String> dnsNames,
            boolean emptySubject) {
        String issuerId = profile.issuerId();
        List<Extension> ext = new ArrayList<>();
        // BR §7.1.2.7.11: digitalSignature; keyEncipherment only for RSA keys (ECDSA: nothing else allowed)
        int usage = KeyUsage.digitalSignature | (spki.getAlgorithm().getAlgorithm().equals(PKCSObjectIdentifiers.rsaEncryption) ? KeyUsage.keyEncipherment : 0);
        ext.add(CertificateExtensions.keyUsage(usage));
        // BR §7.1.2.7.10 and Chrome policy: serverAuth and nothing else
        ext.add(CertificateExtensions.extendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
        ext.add(CertificateExtensions.endEntityBasicConstraints());
        ext.add(CertificateExtensions.authorityKeyIdentifier(issuerKeyId));
        ext.add(CertificateExtensions.authorityInformationAccess(urls.ocsp(issuerId), urls.caIssuers(issuerId)));
        ext.add(CertificateExtensions.subjectAltName(dnsNames, emptySubject));
        ext.add(CertificateExtensions.certificatePolicies(profile.policyOids()));
        ext.add(CertificateExtensions.crlDistributionPoint(urls.crlFor(issuerId, serial.toString(16))));
        ext.add(CtExtensions.poison());
        return ext;
    }

    /**
     * CP 002 table 7.1.1: CN is a certified host name; BR §7.1.2.7.2/.4 allow it when it is one SAN value. DV
     * carries CN only; OV adds C, ST, L and O from the vetted record. A CN longer than 64 characters cannot be
     * encoded, so the first name that fits is used, and a DV subject with none stays empty (SAN then critical).
     */
    private X500Name subject(List<String> dnsNames, Optional<OrganizationSubject> organization) {
        X500NameBuilder b = new X500NameBuilder(BCStyle.INSTANCE);
        if (profile.organizationSubject()) {
            OrganizationSubject org = organization.orElseThrow(() ->
                    new IllegalArgumentException("profile '" + profile.name() + "' needs a vetted organization"));
            b.addRDN(BCStyle.C, org.country());
            b.addRDN(BCStyle.ST, org.stateOrProvince());
            b.addRDN(BCStyle.L, org.locality());
            b.addRDN(BCStyle.O, org.organization());
        }
        dnsNames.stream().filter(n -> n.length() <= MAX_CN).findFirst().ifPresent(cn -> b.addRDN(BCStyle.CN, cn));
        return b.build();
    }
}
