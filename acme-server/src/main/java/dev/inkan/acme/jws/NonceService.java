package dev.inkan.acme.jws;

import dev.inkan.acme.problem.Problems;
import dev.inkan.acme.wire.Base64Url;
import dev.inkan.core.port.NonceStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replay nonces (RFC 8555 §6.5) that any replica accepts exactly once.
 *
 * <p>Issuing is stateless: a nonce is {@code base64url(random(16) || issuedAtMillis(8) || mac(16))}, the
 * MAC an HMAC-SHA256 under a key every replica reads from the {@link NonceStore}. Redeeming checks the MAC
 * and the age, then asks the store to mark the random part used, which succeeds once across all replicas.
 * Redeemed entries are purged once expired, on a timer.
 */
public final class NonceService {
    private static final Logger LOG = LoggerFactory.getLogger(NonceService.class);
    private static final int RANDOM_BYTES = 16;
    private static final int TIME_BYTES = 8;
    private static final int MAC_BYTES = 16;
    private static final int KEY_BYTES = 32;
    private static final String MAC_ALGORITHM = "HmacSHA256";
    // replicas' clocks differ a little; a nonce "from the future" within this is still ours
    private static final Duration CLOCK_SKEW = Duration.ofSeconds(30);
    private static final Duration MAX_PURGE_INTERVAL = Duration.ofMinutes(10);

    private final SecureRandom random = new SecureRandom();
    private final NonceStore store;
    private final Clock clock;
    private final Duration lifetime;
    private final SecretKeySpec key;
    private final Vertx vertx;
    private final long purgeTimer;

    private NonceService(Vertx vertx, NonceStore store, Clock clock, Duration lifetime, byte[] key) {
        this.vertx = vertx;
        this.store = store;
        this.clock = clock;
        this.lifetime = lifetime;
        this.key = new SecretKeySpec(key, MAC_ALGORITHM);
        long every = Math.max(1000, Math.min(lifetime.toMillis(), MAX_PURGE_INTERVAL.toMillis()));
        this.purgeTimer = vertx.setPeriodic(every, id -> purge());
    }

    /** Fetches (or proposes) the shared key, then starts the purge timer; {@link #close()} stops it. */
    public static Future<NonceService> start(Vertx vertx, NonceStore store, Clock clock, Duration lifetime) {
        byte[] candidate = new byte[KEY_BYTES];
        new SecureRandom().nextBytes(candidate);
        return store.nonceKey(candidate).map(key -> new NonceService(vertx, store, clock, lifetime, key));
    }

    /** A fresh nonce for a Replay-Nonce header. */
    public String issue() {
        byte[] body = new byte[RANDOM_BYTES + TIME_BYTES];
        random.nextBytes(body);
        ByteBuffer.wrap(body, RANDOM_BYTES, TIME_BYTES).putLong(clock.millis());
        byte[] nonce = Arrays.copyOf(body, body.length + MAC_BYTES);
        System.arraycopy(mac(body), 0, nonce, body.length, MAC_BYTES);
        return Base64Url.encode(nonce);
    }

    /** Succeeds the first time a nonce we issued is presented inside its lifetime; otherwise badNonce. */
    public Future<Void> redeem(Object nonce) {
        if (!(nonce instanceof String text) || text.isEmpty()) {
            return Future.failedFuture(Problems.badNonce("the JWS protected header has no nonce; get one from newNonce"));
        }
        Optional<byte[]> decoded = Base64Url.decode(text).filter(b -> b.length == RANDOM_BYTES + TIME_BYTES + MAC_BYTES);
        if (decoded.isEmpty() || !authentic(decoded.get())) {
            return Future.failedFuture(Problems.badNonce("the nonce was not issued by this server"));
        }
        byte[] bytes = decoded.get();
        Instant issued = Instant.ofEpochMilli(ByteBuffer.wrap(bytes, RANDOM_BYTES, TIME_BYTES).getLong());
        Instant expires = issued.plus(lifetime);
        Instant now = clock.instant();
        if (!now.isBefore(expires)) {
            return Future.failedFuture(Problems.badNonce("the nonce has expired; get a fresh one from newNonce"));
        }
        if (issued.isAfter(now.plus(CLOCK_SKEW))) {
            return Future.failedFuture(Problems.badNonce("the nonce was not issued by this server"));
        }
        String nonceId = Base64Url.encode(Arrays.copyOf(bytes, RANDOM_BYTES));
        return store.redeem(nonceId, expires).compose(first -> first
                ? Future.succeededFuture()
                : Future.failedFuture(Problems.badNonce("the nonce has already been used")));
    }

    /** Stops the purge timer. */
    public void close() {
        vertx.cancelTimer(purgeTimer);
    }

    private void purge() {
        store.purgeExpired(clock.instant())
                .onSuccess(n -> LOG.debug("purged {} expired nonces", n))
                .onFailure(e -> LOG.warn("purging expired nonces failed", e));
    }

    private boolean authentic(byte[] nonce) {
        byte[] body = Arrays.copyOf(nonce, RANDOM_BYTES + TIME_BYTES);
        byte[] expected = Arrays.copyOf(mac(body), MAC_BYTES);
        byte[] given = Arrays.copyOfRange(nonce, RANDOM_BYTES + TIME_BYTES, nonce.length);
        return MessageDigest.isEqual(expected, given);
    }

    private byte[] mac(byte[] body) {
        try {
            // Mac instances are not thread-safe and cheap to make
            Mac mac = Mac.getInstance(MAC_ALGORITHM);
            mac.init(key);
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable", e);
        }
    }
}
