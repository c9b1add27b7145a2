package dev.inkan.core.port;

import io.vertx.core.Future;
import java.time.Instant;

/**
 * What every front-end replica shares so that a nonce is accepted exactly once by any of them
 * (RFC 8555 §6.5): the key nonces are authenticated with, and the set of nonces already redeemed.
 */
public interface NonceStore {
    /** Stores {@code candidate} as the nonce key unless one exists; returns the key every replica uses. */
    Future<byte[]> nonceKey(byte[] candidate);

    /** Marks a nonce redeemed; true the first time, false if any replica redeemed it before. */
    Future<Boolean> redeem(String nonceId, Instant expiresAt);

    /** Forgets redeemed nonces that expired before {@code now}; returns how many. */
    Future<Long> purgeExpired(Instant now);
}
