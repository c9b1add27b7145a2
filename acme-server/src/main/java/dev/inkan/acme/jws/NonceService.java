package dev.inkan.acme.jws;

import dev.inkan.acme.problem.Problems;
import dev.inkan.acme.wire.Base64Url;
import dev.inkan.core.port.NonceStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Replay nonces (RFC 8555 §6.5), each accepted exactly once, without a store write per request.
 *
 * <p>A nonce is {@code base64url(replica(8) || counter(8) || issuedAtMillis(8) || mac(16))}: the replica prefix
 * is random per process start, the counter increases with every nonce issued, and the MAC is an HMAC-SHA256
 * under a key all replicas share through the {@link NonceStore}. Only the replica that issued a nonce redeems
 * it, from memory ({@link RedeemedWindow}); a nonce of another replica is sent to that replica by its prefix through
 * {@link NonceIssuers} (as Boulder routes a nonce to its issuer). A nonce of a replica that is gone, or of this
 * one before a restart, is {@code badNonce}, which every client retries with the fresh nonce of that very answer.
 * See docs/design/nonces.md.
 */
public final class NonceService {
    private static final int REPLICA_BYTES = 8;
    private static final int COUNTER_BYTES = 8;
    private static final int TIME_BYTES = 8;
    private static final int BODY_BYTES = REPLICA_BYTES + COUNTER_BYTES + TIME_BYTES;
    private static final int MAC_BYTES = 16;
    private static final int KEY_BYTES = 32;
    private static final String MAC_ALGORITHM = "HmacSHA256";
    // replicas' clocks differ a little; a nonce "from the future" within this is still ours
    private static final Duration CLOCK_SKEW = Duration.ofSeconds(30);

    private final byte[] replica = new byte[REPLICA_BYTES];
    private final Clock clock;
    private final Duration lifetime;
    private final SecretKeySpec key;
    private final RedeemedWindow window = new RedeemedWindow(RedeemedWindow.DEFAULT_CAPACITY);
    // Mac instances are not thread-safe; one per thread saves a provider lookup per nonce
    private final ThreadLocal<Mac> macs;
    private volatile NonceIssuers others = NonceIssuers.NONE;

    private NonceService(Clock clock, Duration lifetime, byte[] key) {
        new SecureRandom().nextBytes(replica);
        this.clock = clock;
        this.lifetime = lifetime;
        this.key = new SecretKeySpec(key, MAC_ALGORITHM);
        this.macs = ThreadLocal.withInitial(this::newMac);
    }

    /** Fetches (or proposes) the key all replicas share. */
    public static Future<NonceService> start(Vertx vertx, NonceStore store, Clock clock, Duration lifetime) {
        byte[] candidate = new byte[KEY_BYTES];
        new SecureRandom().nextBytes(candidate);
        return store.nonceKey(candidate).map(key -> new NonceService(clock, lifetime, key));
    }

    /** Sends the nonces of other replicas to them from now on. */
    public void redeemOthersThrough(NonceIssuers issuers) {
        others = issuers;
    }

    /** This replica's prefix, as hex: what other replicas look it up by. */
    public String prefix() {
        return HexFormat.of().formatHex(replica);
    }

    /**
     * The bearer another replica presents when it sends one of this replica's nonces here: derived from the shared
     * key, so only replicas of this CA can spend a nonce on another's behalf.
     */
    public String redemptionToken() {
        Mac mac = newMac();
        return Base64Url.encode(mac.doFinal("inkan nonce redemption".getBytes(StandardCharsets.US_ASCII)));
    }

    /** A fresh nonce for a Replay-Nonce header. */
    public String issue() {
        byte[] nonce = new byte[BODY_BYTES + MAC_BYTES];
        ByteBuffer b = ByteBuffer.wrap(nonce);
        b.put(replica).putLong(window.next()).putLong(clock.millis());
        System.arraycopy(mac(nonce), 0, nonce, BODY_BYTES, MAC_BYTES);
        return Base64Url.encode(nonce);
    }

    /**
     * Succeeds the first time a nonce is presented inside its lifetime, to this replica or (through
     * {@link NonceIssuers}) to the replica that issued it; otherwise badNonce.
     */
    public Future<Void> redeem(Object nonce) {
        return redeem(nonce, true);
    }

    /**
     * A redemption another replica asks for: only a nonce this replica issued, never sent on. @return whether it was
     * accepted
     */
    public boolean redeemOwn(String nonce) {
        Future<Void> f = redeem(nonce, false);
        return f.succeeded();
    }

    private Future<Void> redeem(Object nonce, boolean sendOn) {
        if (!(nonce instanceof String text) || text.isEmpty()) {
            return Future.failedFuture(Problems.badNonce("the JWS protected header has no nonce; get one from newNonce"));
        }
        Optional<byte[]> decoded = Base64Url.decode(text).filter(b -> b.length == BODY_BYTES + MAC_BYTES);
        if (decoded.isEmpty() || !authentic(decoded.get())) {
            return Future.failedFuture(Problems.badNonce("the nonce was not issued by this server"));
        }
        ByteBuffer b = ByteBuffer.wrap(decoded.get());
        byte[] prefix = new byte[REPLICA_BYTES];
        b.get(prefix);
        long counter = b.getLong();
        Instant issued = Instant.ofEpochMilli(b.getLong());
        Instant now = clock.instant();
        if (!now.isBefore(issued.plus(lifetime))) {
            return Future.failedFuture(Problems.badNonce("the nonce has expired; get a fresh one from newNonce"));
        }
        if (issued.isAfter(now.plus(CLOCK_SKEW))) {
            return Future.failedFuture(Problems.badNonce("the nonce was not issued by this server"));
        }
        if (!Arrays.equals(prefix, replica)) {
            if (!sendOn) {
                return Future.failedFuture(Problems.badNonce("the nonce was not issued by this replica"));
            }
            return others.redeem(HexFormat.of().formatHex(prefix), text).recover(e -> Future.succeededFuture(false))
                    .compose(accepted -> accepted ? Future.<Void>succeededFuture() : Future.failedFuture(
                            Problems.badNonce("the nonce was issued by another replica that has spent it, is gone, "
                                    + "or issued it before a restart; retry with the nonce of this answer")));
        }
        return window.redeem(counter)
                ? Future.succeededFuture()
                : Future.failedFuture(Problems.badNonce("the nonce has already been used, or is too old to tell"));
    }

    /** Nothing to stop: redemption lives in memory. Kept so that callers need not know. */
    public void close() {
        // no timer, no store writes
    }

    private boolean authentic(byte[] nonce) {
        byte[] expected = Arrays.copyOf(mac(nonce), MAC_BYTES);
        byte[] given = Arrays.copyOfRange(nonce, BODY_BYTES, nonce.length);
        return MessageDigest.isEqual(expected, given);
    }

    /** The MAC of the first {@link #BODY_BYTES} bytes. */
    private byte[] mac(byte[] nonce) {
        Mac mac = macs.get();
        mac.update(nonce, 0, BODY_BYTES);
        return mac.doFinal();
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance(MAC_ALGORITHM);
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable", e);
        }
    }
}
