package dev.inkan.acme.jws;

import io.vertx.core.Future;

/**
 * The other front ends, as seen by this one's nonce service: a nonce whose prefix names another front end is
 * redeemed there, by the front end that issued it and alone remembers which of its nonces were spent
 * (docs/design/nonces.md).
 */
public interface NonceIssuers {

    /**
     * Asks the front end whose prefix is {@code prefix} to redeem {@code nonce}. @return true when that front end
     * accepted it (the first time it was presented); false when it refused it, is unknown, or cannot be reached
     */
    Future<Boolean> redeem(String prefix, String nonce);

    /** No other front end: a nonce of another prefix is badNonce. */
    NonceIssuers NONE = (prefix, nonce) -> Future.succeededFuture(false);
}
