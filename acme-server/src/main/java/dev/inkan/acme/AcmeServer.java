package dev.inkan.acme;

import dev.inkan.acme.jws.NonceIssuers;
import dev.inkan.acme.jws.NonceService;
import dev.inkan.acme.route.AcmeRouter;
import dev.inkan.core.port.NonceStore;
import dev.inkan.core.port.RegistrationAuthority;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import java.time.Clock;

/**
 * The ACME front end (RFC 8555): a Vert.x {@link Router} serving the directory and every ACME resource at the
 * root of {@link AcmeServerConfig#baseUrl()}. It holds no state of its own besides the nonce key, so any
 * number of replicas may serve the same stores. Close it to stop its nonce purge timer.
 *
 * <pre>{@code
 * AcmeServer.start(vertx, config, ra, AcmeReaders.of(stores), stores.nonces(), clock)
 *     .compose(acme -> vertx.createHttpServer(options).requestHandler(acme.router()).listen(14000));
 * }</pre>
 */
public final class AcmeServer {
    private final Router router;
    private final NonceService nonces;

    private AcmeServer(Router router, NonceService nonces) {
        this.router = router;
        this.nonces = nonces;
    }

    /** Reads the shared nonce key from {@code nonceStore}, then builds the router. */
    public static Future<AcmeServer> start(
            Vertx vertx,
            AcmeServerConfig config,
            RegistrationAuthority ra,
            AcmeReaders readers,
            NonceStore nonceStore,
            Clock clock) {
        return NonceService.start(vertx, nonceStore, clock, config.nonceLifetime())
                .map(nonces -> new AcmeServer(AcmeRouter.create(vertx, config, ra, readers, nonces, clock), nonces));
    }

    /** The router to hand to {@code HttpServer.requestHandler}, or to mount with {@code route("/*").subRouter(...)}. */
    public Router router() {
        return router;
    }

    /**
     * Sends nonces issued by other replicas to them by their prefix (docs/design/nonces.md); without, such a nonce
     * is badNonce.
     */
    public void redeemNoncesOfOthersThrough(NonceIssuers others) {
        nonces.redeemOthersThrough(others);
    }

    /** This replica's nonce prefix (hex), under which the others find it. */
    public String noncePrefix() {
        return nonces.prefix();
    }

    /** What another replica of this CA presents to redeem one of this replica's nonces. */
    public String nonceRedemptionToken() {
        return nonces.redemptionToken();
    }

    /** Redeems one of this replica's own nonces for another replica. @return whether it was accepted (once) */
    public boolean redeemOwnNonce(String nonce) {
        return nonces.redeemOwn(nonce);
    }

    /** Stops the nonce purge timer. The router answers on, but nothing is purged any more. */
    public void close() {
        nonces.close();
    }
}
