package dev.inkan.ca.ocsp;

import dev.inkan.core.model.CaCertificate;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Map;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ocsp.CertID;
import org.bouncycastle.asn1.oiw.OIWObjectIdentifiers;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.cert.X509CertificateHolder;

/**
 * An issuing CA with its delegated responder (CP 002 table 7.3.1): the issuer name and key hashes an OCSP CertID
 * names it by (RFC 6960 §4.1.1), for the hash algorithms clients use, and the responder's key hash for ResponderID
 * byKey (RFC 5019 §2.2.2).
 *
 * @param responderId the responder's key id in the signer, e.g. {@code ocsp-dv}
 */
record OcspIssuer(String caId, String responderId, X509CertificateHolder issuer, X509CertificateHolder responder,
        Map<ASN1ObjectIdentifier, byte[][]> hashes, byte[] responderKeyHash) {
    /** SHA-1 is what RFC 5019 clients (openssl, browsers) send; SHA-256 is accepted too. */
    static final Map<ASN1ObjectIdentifier, String> DIGESTS = Map.of(
            OIWObjectIdentifiers.idSHA1, "SHA-1",
            NISTObjectIdentifiers.id_sha256, "SHA-256");

    static OcspIssuer of(CaCertificate issuingCa, CaCertificate responderCertificate) {
        X509CertificateHolder issuer = holder(issuingCa.der());
        X509CertificateHolder responder = holder(responderCertificate.der());
        if (!responder.getIssuer().equals(issuer.getSubject())) {
            throw new IllegalArgumentException("responder '" + responderCertificate.id() + "' was not issued by '"
                    + issuingCa.id() + "'");
        }
        byte[] name = encoded(issuer.toASN1Structure().getSubject());
        byte[] key = issuer.getSubjectPublicKeyInfo().getPublicKeyData().getBytes();
        Map<ASN1ObjectIdentifier, byte[][]> hashes = new java.util.HashMap<>();
        DIGESTS.forEach((oid, alg) -> hashes.put(oid, new byte[][] {digest(alg, name), digest(alg, key)}));
        byte[] responderKeyHash = digest("SHA-1", responder.getSubjectPublicKeyInfo().getPublicKeyData().getBytes());
        return new OcspIssuer(issuingCa.id(), responderCertificate.id(), issuer, responder, Map.copyOf(hashes),
                responderKeyHash);
    }

    /** True when the CertID's issuer hashes are this CA's under the CertID's own hash algorithm. */
    boolean names(CertID id) {
        byte[][] h = hashes.get(id.getHashAlgorithm().getAlgorithm());
        return h != null && Arrays.equals(h[0], id.getIssuerNameHash().getOctets())
                && Arrays.equals(h[1], id.getIssuerKeyHash().getOctets());
    }

    static byte[] digest(String alg, byte[] data) {
        try {
            return MessageDigest.getInstance(alg).digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(alg + " is part of every JDK", e);
        }
    }

    private static X509CertificateHolder holder(byte[] der) {
        try {
            return new X509CertificateHolder(der);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] encoded(org.bouncycastle.asn1.x500.X500Name name) {
        try {
            return name.getEncoded(ASN1Encoding.DER);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
