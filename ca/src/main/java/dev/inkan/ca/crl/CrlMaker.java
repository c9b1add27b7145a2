package dev.inkan.ca.crl;

import dev.inkan.ca.SignatureAlgorithm;
import dev.inkan.ca.Signer;
import dev.inkan.core.model.RevokedEntry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.time.Instant;
import java.util.List;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.TBSCertList;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;

/**
 * Makes one signed CRL: builds the TBS, lints it, has the HSM sign it, and checks the signature in software before
 * anything is published (a faulty HSM signature is never released). Encoding a large CRL takes a while, so it runs
 * on a worker, as the signature does.
 */
final class CrlMaker {
    /** The CRL pool's name: building and checking a large CRL never holds a thread validation or OCSP needs. */
    static final String POOL = "inkan-crl";
    static final int POOL_SIZE = 1;

    private final WorkerExecutor pool;
    private final Signer signer;

    CrlMaker(Vertx vertx, Signer signer) {
        this.pool = vertx.createSharedWorkerExecutor(POOL, POOL_SIZE);
        this.signer = signer;
    }

    /**
     * @param shard             {@link SignedCrl#FULL} or the partition number
     * @param distributionPoint the shard's URL, null for a full CRL
     */
    Future<SignedCrl> make(CrlIssuer issuer, int shard, String distributionPoint, long number, Instant thisUpdate,
            Instant nextUpdate, List<RevokedEntry> entries) {
        SignatureAlgorithm algorithm;
        try {
            algorithm = signer.signatureAlgorithm(issuer.caId());
        } catch (RuntimeException e) {
            return Future.failedFuture(e);
        }
        AlgorithmIdentifier alg = algorithm.identifier();
        // The TBS is encoded once, here, and those bytes are what the HSM signs, what is checked and what is
        // published: a million-entry CRL is tens of megabytes, and each encoding of it costs seconds.
        return pool.<byte[]>executeBlocking(() -> {
                    TBSCertList tbs = CrlTemplate.tbs(issuer, alg, number, thisUpdate, nextUpdate, entries,
                            distributionPoint);
                    CrlLint.check(tbs, issuer, alg, distributionPoint);
                    return tbs.getEncoded(ASN1Encoding.DER);
                }, false)
                .compose(tbsDer -> signer.sign(issuer.caId(), tbsDer).compose(signature -> pool.executeBlocking(
                        () -> new SignedCrl(issuer.caId(), shard, number, thisUpdate, nextUpdate, entries.size(),
                                verified(issuer, algorithm, tbsDer, signature)), false)));
    }

    /**
     * RFC 5280 §5.1: CertificateList ::= SEQUENCE { tbsCertList, signatureAlgorithm, signatureValue }, around the
     * very bytes that were signed, once the signature verifies with the CA certificate's key.
     */
    private static byte[] verified(CrlIssuer issuer, SignatureAlgorithm algorithm, byte[] tbsDer, byte[] signature) {
        try {
            Signature check = Signature.getInstance(algorithm.jcaName());
            check.initVerify(new JcaX509CertificateConverter().getCertificate(issuer.certificate()).getPublicKey());
            check.update(tbsDer);
            if (!check.verify(signature)) {
                throw new IllegalStateException("the HSM signature on the CRL of '" + issuer.caId() + "' does not verify");
            }
            byte[] alg = algorithm.identifier().getEncoded(ASN1Encoding.DER);
            byte[] value = new DERBitString(signature).getEncoded(ASN1Encoding.DER);
            ByteArrayOutputStream out = new ByteArrayOutputStream(tbsDer.length + alg.length + value.length + 8);
            out.write(0x30);
            derLength(out, tbsDer.length + alg.length + value.length);
            out.write(tbsDer);
            out.write(alg);
            out.write(value);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot verify the CRL signature of '" + issuer.caId() + "'", e);
        }
    }

    /** X.690 §8.1.3: the short form below 128, else the count of length octets and the length, big-endian. */
    private static void derLength(ByteArrayOutputStream out, int length) {
        if (length < 128) {
            out.write(length);
            return;
        }
        int octets = (Integer.SIZE - Integer.numberOfLeadingZeros(length) + 7) / 8;
        out.write(0x80 | octets);
        for (int i = octets - 1; i >= 0; i--) {
            out.write(length >>> (8 * i));
        }
    }
}
