package dev.inkan.ca.crl;

import dev.inkan.ca.Signer;
import dev.inkan.core.model.RevokedEntry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.TBSCertList;
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;

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
        AlgorithmIdentifier alg;
        try {
            alg = signer.signatureAlgorithm(issuer.caId()).identifier();
        } catch (RuntimeException e) {
            return Future.failedFuture(e);
        }
        return pool.<TBSCertList>executeBlocking(() -> {
                    TBSCertList tbs = CrlTemplate.tbs(issuer, alg, number, thisUpdate, nextUpdate, entries,
                            distributionPoint);
                    CrlLint.check(tbs, issuer, alg, distributionPoint);
                    return tbs;
                }, false)
                .compose(tbs -> signer.signCrl(issuer.caId(), tbs))
                .compose(crl -> pool.executeBlocking(() -> new SignedCrl(issuer.caId(), shard, number, thisUpdate,
                        nextUpdate, entries.size(), verified(issuer, crl)), false));
    }

    private static byte[] verified(CrlIssuer issuer, X509CRLHolder crl) {
        try {
            if (!crl.isSignatureValid(new JcaContentVerifierProviderBuilder().build(issuer.certificate()))) {
                throw new IllegalStateException("the HSM signature on the CRL of '" + issuer.caId() + "' does not verify");
            }
            return crl.getEncoded();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (org.bouncycastle.operator.OperatorCreationException | org.bouncycastle.cert.CertException
                | java.security.cert.CertificateException e) {
            throw new IllegalStateException("cannot verify the CRL signature of '" + issuer.caId() + "'", e);
        }
    }
}
