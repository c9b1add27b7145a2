package dev.inkan.app;

import dev.inkan.ca.SignatureAlgorithm;
import dev.inkan.ca.Signer;
import dev.inkan.core.port.Metrics;
import io.vertx.core.Future;
import java.time.Duration;

/** Times each HSM signature by key and counts the errors. */
final class MeteredSigner implements Signer {
    private final Signer signer;
    private final Metrics metrics;

    MeteredSigner(Signer signer, Metrics metrics) {
        this.signer = signer;
        this.metrics = metrics;
    }

    @Override
    public SignatureAlgorithm signatureAlgorithm(String caId) {
        return signer.signatureAlgorithm(caId);
    }

    @Override
    public Future<byte[]> sign(String caId, byte[] toBeSigned) {
        long started = System.nanoTime();
        Future<byte[]> signed;
        try {
            signed = signer.sign(caId, toBeSigned);
        } catch (RuntimeException e) {
            signed = Future.failedFuture(e);
        }
        return signed.onComplete(ar -> metrics.hsmSignature(caId, ar.succeeded() ? "ok" : "error",
                Duration.ofNanos(System.nanoTime() - started)));
    }
}
