package dev.inkan.ca;

import io.vertx.core.Future;
import java.util.concurrent.atomic.AtomicInteger;

/** A signer that counts the signatures it makes through another. */
public final class CountingSigner implements Signer {
    private final Signer inner;
    private final AtomicInteger signatures = new AtomicInteger();

    public CountingSigner(Signer inner) {
        this.inner = inner;
    }

    public int signatures() {
        return signatures.get();
    }

    @Override
    public SignatureAlgorithm signatureAlgorithm(String caId) {
        return inner.signatureAlgorithm(caId);
    }

    @Override
    public Future<byte[]> sign(String caId, byte[] toBeSigned) {
        signatures.incrementAndGet();
        return inner.sign(caId, toBeSigned);
    }
}
