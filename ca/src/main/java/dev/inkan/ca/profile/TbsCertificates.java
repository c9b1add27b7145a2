package dev.inkan.ca.profile;

import dev.inkan.ca.SignatureAlgorithm;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.ASN1TaggedObject;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERTaggedObject;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x509.TBSCertificate;
import org.bouncycastle.asn1.x509.Time;
import org.bouncycastle.asn1.x509.V3TBSCertificateGenerator;

/** Assembles a v3 TBSCertificate (RFC 5280 §4.1) from its fields; nothing here signs. */
public final class TbsCertificates {
    private TbsCertificates() {}

    /**
     * @param issuer the issuing CA certificate's subject exactly as encoded there (BR §7.1.4: byte-identical)
     */
    public static TBSCertificate build(
            BigInteger serial,
            SignatureAlgorithm algorithm,
            X500Name issuer,
            Instant notBefore,
            Instant notAfter,
            X500Name subject,
            SubjectPublicKeyInfo spki,
            List<Extension> extensions) {
        V3TBSCertificateGenerator g = new V3TBSCertificateGenerator();
        g.setSerialNumber(new ASN1Integer(serial));
        g.setSignature(algorithm.identifier());
        g.setIssuer(issuer);
        // RFC 5280 §4.1.2.5: UTCTime through 2049, GeneralizedTime from 2050; whole seconds only
        g.setStartDate(new Time(Date.from(notBefore)));
        g.setEndDate(new Time(Date.from(notAfter)));
        g.setSubject(subject);
        g.setSubjectPublicKeyInfo(spki);
        if (!extensions.isEmpty()) {
            g.setExtensions(new Extensions(extensions.toArray(new Extension[0])));
        }
        return g.generateTBSCertificate();
    }

    /**
     * The same TBSCertificate with its extensions replaced: every other field keeps its exact encoding, which is
     * what lets a final certificate correspond byte for byte to its precertificate (RFC 6962 §3.1).
     */
    public static TBSCertificate withExtensions(TBSCertificate tbs, List<Extension> extensions) {
        ASN1Sequence seq = ASN1Sequence.getInstance(tbs.toASN1Primitive());
        ASN1EncodableVector v = new ASN1EncodableVector();
        for (ASN1Encodable element : seq) {
            if (!(element instanceof ASN1TaggedObject t && t.getTagNo() == 3)) {
                v.add(element);
            }
        }
        if (!extensions.isEmpty()) {
            v.add(new DERTaggedObject(true, 3, new Extensions(extensions.toArray(new Extension[0]))));
        }
        return TBSCertificate.getInstance(new DERSequence(v));
    }

    /** The extensions in their order of appearance. */
    public static List<Extension> extensions(TBSCertificate tbs) {
        Extensions ext = tbs.getExtensions();
        if (ext == null) {
            return List.of();
        }
        return java.util.Arrays.stream(ext.getExtensionOIDs()).map(ext::getExtension).toList();
    }

    /** The same TBSCertificate without the extension {@code oid}; unchanged when it has none. */
    public static TBSCertificate without(TBSCertificate tbs, ASN1ObjectIdentifier oid) {
        return withExtensions(tbs, extensions(tbs).stream().filter(e -> !e.getExtnId().equals(oid)).toList());
    }

    /** The same TBSCertificate with the extension of {@code replacement}'s OID put in place of {@code oid}. */
    public static TBSCertificate replacing(TBSCertificate tbs, ASN1ObjectIdentifier oid, Extension replacement) {
        List<Extension> ext = extensions(tbs);
        if (ext.stream().noneMatch(e -> e.getExtnId().equals(oid))) {
            throw new IllegalArgumentException("the TBS has no extension " + oid);
        }
        return withExtensions(tbs, ext.stream().map(e -> e.getExtnId().equals(oid) ? replacement : e).toList());
    }

    public static byte[] der(TBSCertificate tbs) {
        try {
            return tbs.getEncoded(ASN1Encoding.DER);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
