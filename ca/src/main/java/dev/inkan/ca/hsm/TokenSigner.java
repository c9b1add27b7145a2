package dev.inkan.ca.hsm;

import dev.inkan.ca.SignatureAlgorithm;
import dev.inkan.ca.Signer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import io.vertx.core.WorkerExecutor;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The {@link Signer} over the HSM token: each CA id is the alias of its key. Each signature runs on the signing pool
 * {@value #POOL}, which nothing else uses, so validation, storage or CRL work never queues in front of a signature.
 */
public final class TokenSigner implements Signer {
    /** The signing pool's name (thread names start with it). */
    public static final String POOL = "inkan-hsm-signing";
    static final int POOL_SIZE = 8;

    private final Vertx vertx;
    private final WorkerExecutor pool;
    private final SoftHsmToken token;
    private final Map<String, SignatureAlgorithm> algorithms;
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final LongAdder signatures = new LongAdder();
    private final LongAdder cpuNanos = new LongAdder();

    private TokenSigner(Vertx vertx, SoftHsmToken token, Map<String, SignatureAlgorithm> algorithms) {
        this.vertx = vertx;
        this.pool = vertx.createSharedWorkerExecutor(POOL, POOL_SIZE);
        this.token = token;
        this.algorithms = new java.util.concurrent.ConcurrentHashMap<>(algorithms);
    }

    /** Loads the named keys from the token (on a worker) and fails if one is missing. */
    public static Future<TokenSigner> load(Vertx vertx, SoftHsmToken token, Collection<String> caIds) {
        return vertx.executeBlocking(() -> new TokenSigner(vertx, token, caIds.stream()
                .distinct()
                .collect(Collectors.toMap(Function.identity(), token::signatureAlgorithm))), false);
    }

    /**
     * Loads one more key from the token (on a worker), e.g. a responder generation made after start; the token is
     * read again first, so a key another process stored is found too.
     */
    public Future<Void> add(String caId) {
        return pool.executeBlocking(() -> {
            if (!token.hasKey(caId)) {
                token.reload();
            }
            algorithms.put(caId, token.signatureAlgorithm(caId));
            return null;
        }, false);
    }

    @Override
    public SignatureAlgorithm signatureAlgorithm(String caId) {
        SignatureAlgorithm alg = algorithms.get(caId);
        if (alg == null) {
            throw new IllegalArgumentException("no CA key '" + caId + "' is loaded; loaded: " + algorithms.keySet());
        }
        return alg;
    }

    @Override
    public Future<byte[]> sign(String caId, byte[] toBeSigned) {
        if (!algorithms.containsKey(caId)) {
            return Future.failedFuture(new IllegalArgumentException(
                    "no CA key '" + caId + "' is loaded; loaded: " + algorithms.keySet()));
        }
        byte[] copy = toBeSigned.clone();
        return pool.executeBlocking(() -> {
            long cpu = threads.getCurrentThreadCpuTime();
            try {
                return token.sign(caId, copy);
            } finally {
                cpuNanos.add(threads.getCurrentThreadCpuTime() - cpu);
                signatures.increment();
            }
        }, false);
    }

    /**
     * What the HSM has cost this process so far: signatures made and the CPU time of the threads that made
     * them (SoftHSM signs in-process, so this is the token's own share of the server's CPU).
     */
    public Usage usage() {
        return new Usage(signatures.sum(), cpuNanos.sum());
    }

    /** Counters since start: signatures and the CPU nanoseconds spent making them. */
    public record Usage(long signatures, long cpuNanos) {}
}
