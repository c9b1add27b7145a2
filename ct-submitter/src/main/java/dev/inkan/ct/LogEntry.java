package dev.inkan.ct;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.ASN1TaggedObject;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERTaggedObject;
import org.bouncycastle.asn1.x509.Certificate;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.TBSCertificate;

/**
 * What a log signs an SCT over (RFC 6962 §3.2): the entry type and the signed entry, an X509 certificate or a
 * PreCert (the issuer key hash and the TBS without the poison).
 */
public record LogEntry(int entryType, byte[] signedEntry) {
    static final int X509_ENTRY = 0;
    static final int PRECERT_ENTRY = 1;
    /** RFC 6962 §3.1. */
    public static final ASN1ObjectIdentifier POISON = new ASN1ObjectIdentifier("1.3.6.1.4.1.11129.2.4.3");

    /** The PreCert entry of a precertificate issued directly by its CA (no precertificate signing CA: SC-092). */
    public static LogEntry precertificate(byte[] precertDer, byte[] issuerDer) {
        TBSCertificate tbs = Certificate.getInstance(precertDer).getTBSCertificate();
        byte[] issuerSpki = der(Certificate.getInstance(issuerDer).getSubjectPublicKeyInfo());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(sha256(issuerSpki));
        TlsEncoding.opaque(out, der(withoutPoison(tbs)), 3);
        return new LogEntry(PRECERT_ENTRY, out.toByteArray());
    }

    /** The X509 entry of a final certificate. */
    public static LogEntry certificate(byte[] certificateDer) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        TlsEncoding.opaque(out, certificateDer, 3);
        return new LogEntry(X509_ENTRY, out.toByteArray());
    }

    /** RFC 6962 §3.2: the digitally-signed struct of an SCT over this entry. */
    byte[] signatureInput(SignedCertificateTimestamp sct) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(sct.version());
        out.write(0); // signature_type = certificate_timestamp
        TlsEncoding.uint(out, sct.timestamp(), 8);
        TlsEncoding.uint(out, entryType, 2);
        out.writeBytes(signedEntry);
        TlsEncoding.opaque(out, sct.extensions(), 2);
        return out.toByteArray();
    }

    /** The TBS with the poison extension removed, every other byte kept. */
    static TBSCertificate withoutPoison(TBSCertificate tbs) {
        Extensions ext = tbs.getExtensions();
        if (ext == null || ext.getExtension(POISON) == null) {
            throw new IllegalArgumentException("not a precertificate: the CT poison extension is missing");
        }
        ASN1EncodableVector kept = new ASN1EncodableVector();
        for (ASN1ObjectIdentifier oid : ext.getExtensionOIDs()) {
            if (!oid.equals(POISON)) {
                kept.add(ext.getExtension(oid));
            }
        }
        ASN1EncodableVector fields = new ASN1EncodableVector();
        for (ASN1Encodable f : ASN1Sequence.getInstance(tbs.toASN1Primitive())) {
            if (!(f instanceof ASN1TaggedObject t && t.getTagNo() == 3)) {
                fields.add(f);
            }
        }
        if (kept.size() > 0) {
            fields.add(new DERTaggedObject(true, 3, Extensions.getInstance(new DERSequence(kept))));
        }
        return TBSCertificate.getInstance(new DERSequence(fields));
    }

    private static byte[] der(org.bouncycastle.asn1.ASN1Object o) {
        try {
            return o.getEncoded(ASN1Encoding.DER);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

}
