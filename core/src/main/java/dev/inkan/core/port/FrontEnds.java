package dev.inkan.core.port;

import io.vertx.core.Future;
import java.time.Instant;
import java.util.Optional;

/**
 * The running ACME front ends, each under its nonce prefix with the address where it redeems its own nonces for
 * the others (docs/design/nonces.md). A front end announces itself at start and again at every heartbeat; one whose
 * last announcement is old is taken for dead, and its nonces are badNonce.
 */
public interface FrontEnds {

    /**
     * @param noncePrefix the prefix of every nonce the front end issues (hex)
     * @param redeemUrl   where the others send it those nonces
     * @param seenAt      its last announcement
     */
    record FrontEnd(String noncePrefix, String redeemUrl, String name, Instant seenAt) {}

    /** Adds the front end, or refreshes its address and time. */
    Future<Void> announce(FrontEnd frontEnd);

    /** The front end that issues nonces under {@code noncePrefix}, as last announced. */
    Future<Optional<FrontEnd>> byNoncePrefix(String noncePrefix);

    /** Removes it: a front end stopping cleanly, so the others stop sending it nonces at once. */
    Future<Void> withdraw(String noncePrefix);
}
