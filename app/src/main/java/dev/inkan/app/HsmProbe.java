package dev.inkan.app;

import dev.inkan.ca.Signer;
import dev.inkan.ca.ocsp.OcspResponder;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * Whether the HSM signs: one signature over random bytes by the OCSP responder key in use (the key that signs most
 * often anyway), at most every few seconds however often a load balancer asks, bounded in time so a hung token reads
 * as not ready instead of hanging the probe. The probe's signatures are not counted in the HSM metrics. The key is
 * asked for at each probe: after a responder rotation ({@code ./inkan rotate-responders}, or the renewal 30 days
 * before the end) the retired responder's key says nothing about the key that signs, and may be gone from the token.
 */
final class HsmProbe {
    private static final Duration FRESH = Duration.ofSeconds(5);
    private static final Duration LIMIT = Duration.ofSeconds(3);

    private final Vertx vertx;
    private final Signer signer;
    private final Supplier<String> key;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private Instant checkedAt = Instant.MIN;
    private Future<Boolean> last = Future.succeededFuture(false);

    HsmProbe(Vertx vertx, Signer signer, Supplier<String> key, Clock clock) {
        this.vertx = vertx;
        this.signer = signer;
        this.key = key;
        this.clock = clock;
    }

    /**
     * The probe of the responder that signs {@code issuingCaId}'s OCSP answers now; {@code initial} until the
     * responder (which starts after the token) is there.
     */
    static HsmProbe ofResponder(Vertx vertx, Signer signer, Supplier<OcspResponder> ocsp, String issuingCaId,
            String initial, Clock clock) {
        return new HsmProbe(vertx, signer, () -> {
            OcspResponder responder = ocsp.get();
            String inUse = responder == null ? null : responder.responderOf(issuingCaId);
            return inUse == null ? initial : inUse;
        }, clock);
    }

    synchronized Future<Boolean> usable() {
        Instant now = clock.instant();
        if (last.isComplete() && checkedAt.plus(FRESH).isAfter(now)) {
            return last;
        }
        if (!last.isComplete()) {
            return last;
        }
        checkedAt = now;
        byte[] probe = new byte[32];
        random.nextBytes(probe);
        Promise<Boolean> answer = Promise.promise();
        long timer = vertx.setTimer(LIMIT.toMillis(), id -> answer.tryComplete(false));
        signer.sign(key.get(), probe).onComplete(ar -> {
            vertx.cancelTimer(timer);
            answer.tryComplete(ar.succeeded() && ar.result().length > 0);
        });
        last = answer.future();
        return last;
    }
}
