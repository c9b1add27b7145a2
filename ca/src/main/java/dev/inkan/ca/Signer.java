package dev.inkan.ca;

import io.vertx.core.Future;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Object;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.ocsp.BasicOCSPResponse;
import org.bouncycastle.asn1.ocsp.ResponseData;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.Certificate;
import org.bouncycastle.asn1.x509.CertificateList;
import org.bouncycastle.asn1.x509.TBSCertList;
import org.bouncycastle.asn1.x509.TBSCertificate;
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.cert.X509CertificateHolder;

/**
 * Signs with a CA key named by its id ({@code root}, {@code dv}, {@code ov}, {@code ocsp-dv}, {@code ocsp-ov}).
 * The key never leaves the signer; signing runs on a worker thread.
 *
 * <p>The structured variants sign the DER of exactly the to-be-signed value they are given and wrap that same
 * value, so the bytes signed are the bytes in the result (no builder re-encodes anything in between). The caller
 * puts {@link #signatureAlgorithm(String)} into the TBS; a TBS naming another algorithm is refused.
 */
public interface Signer {

    /** How the key of this CA signs. Unknown ids throw IllegalArgumentException. */
    SignatureAlgorithm signatureAlgorithm(String caId);

    /** A raw signature over these bytes, e.g. an OCSP tbsResponseData. */
    Future<byte[]> sign(String caId, byte[] toBeSigned);

    /** RFC 5280 §4.1: Certificate ::= SEQUENCE { tbsCertificate, signatureAlgorithm, signatureValue }. */
    default Future<X509CertificateHolder> signCertificate(String caId, TBSCertificate tbs) {
        return signed(caId, tbs, tbs.getSignature())
                .map(seq -> new X509CertificateHolder(Certificate.getInstance(seq)));
    }

    /** RFC 5280 §5.1: CertificateList ::= SEQUENCE { tbsCertList, signatureAlgorithm, signatureValue }. */
    default Future<X509CRLHolder> signCrl(String caId, TBSCertList tbs) {
        return signed(caId, tbs, tbs.getSignature())
                .map(seq -> new X509CRLHolder(CertificateList.getInstance(seq)));
    }

    /**
     * RFC 6960 §4.2.1: BasicOCSPResponse with the responder's certificates. The signature algorithm is the
     * responder key's; ResponseData carries none.
     */
    default Future<BasicOCSPResponse> signOcspResponse(
            String responderId, ResponseData tbs, List<X509CertificateHolder> certs) {
        AlgorithmIdentifier alg;
        try {
            alg = signatureAlgorithm(responderId).identifier();
        } catch (RuntimeException e) {
            return Future.failedFuture(e);
        }
        ASN1EncodableVector certSeq = new ASN1EncodableVector();
        certs.forEach(c -> certSeq.add(c.toASN1Structure()));
        return sign(responderId, der(tbs)).map(sig -> new BasicOCSPResponse(
                tbs, alg, new DERBitString(sig), certs.isEmpty() ? null : new DERSequence(certSeq)));
    }

    private Future<DERSequence> signed(String caId, ASN1Object tbs, AlgorithmIdentifier inTbs) {
        AlgorithmIdentifier alg;
        try {
            alg = signatureAlgorithm(caId).identifier();
        } catch (RuntimeException e) {
            return Future.failedFuture(e);
        }
        // RFC 5280 §4.1.1.2: signatureAlgorithm MUST equal the signature field inside the TBS
        if (!alg.equals(inTbs)) {
            return Future.failedFuture(new IllegalArgumentException("the TBS names signature algorithm "
                    + inTbs.getAlgorithm() + " but key '" + caId + "' signs with " + alg.getAlgorithm()));
        }
        return sign(caId, der(tbs)).map(sig ->
                new DERSequence(new ASN1Encodable[] {tbs, alg, new DERBitString(sig)}));
    }

    private static byte[] der(ASN1Object o) {
        try {
            return o.getEncoded(ASN1Encoding.DER);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
