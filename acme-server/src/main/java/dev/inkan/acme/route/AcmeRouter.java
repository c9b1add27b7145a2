package dev.inkan.acme.route;

import dev.inkan.acme.AcmeReaders;
import dev.inkan.acme.AcmeServerConfig;
import dev.inkan.acme.jws.ExternalAccountBinding;
import dev.inkan.acme.jws.JwsVerifier;
import dev.inkan.acme.jws.KeyBinding;
import dev.inkan.acme.jws.KeyRollover;
import dev.inkan.acme.jws.NonceService;
import dev.inkan.acme.problem.ProblemResponder;
import dev.inkan.acme.problem.Problems;
import dev.inkan.acme.wire.AcmeUrls;
import dev.inkan.acme.wire.DirectoryJson;
import dev.inkan.core.port.RegistrationAuthority;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import java.time.Clock;

/**
 * The URL layout of the ACME front end and what runs on each route: the ACME headers (platform), the body
 * limit, JWS verification, then the resource handler; failures of any of them go to the problem responder.
 */
public final class AcmeRouter {
    private final Router router;
    private final JwsVerifier verifier;

    private AcmeRouter(Router router, JwsVerifier verifier) {
        this.router = router;
        this.verifier = verifier;
    }

    public static Router create(Vertx vertx, AcmeServerConfig config, RegistrationAuthority ra, AcmeReaders readers,
            NonceService nonces, Clock clock) {
        AcmeUrls urls = new AcmeUrls(config.baseUrl());
        AcmeRouter acme = new AcmeRouter(Router.router(vertx), new JwsVerifier(urls, readers.accounts(), nonces));
        acme.platform(nonces, urls, config.maxBodyBytes());
        acme.resources(config, ra, readers, new Representations(urls, clock));
        return acme.router;
    }

    private void platform(NonceService nonces, AcmeUrls urls, int maxBodyBytes) {
        ProblemResponder problems = new ProblemResponder(maxBodyBytes);
        router.route().handler(new AcmeHeaders(nonces, urls));
        router.post().handler(BodyHandler.create(false).setBodyLimit(maxBodyBytes));
        router.route().failureHandler(problems);
        router.errorHandler(404, problems);
        router.errorHandler(405, problems);
        router.errorHandler(500, problems);
    }

    private void resources(AcmeServerConfig config, RegistrationAuthority ra, AcmeReaders readers, Representations show) {
        AcmeUrls urls = show.urls();
        unsigned(AcmeUrls.DIRECTORY, "GET", new DirectoryHandler(new DirectoryJson(urls, config.termsOfService(),
                config.website(), config.caaIdentities(), config.externalAccountRequired(), ra.profiles())));
        unsigned(AcmeUrls.RENEWAL_INFO + "/:certId", "GET", new RenewalInfoHandler(ra));
        unsigned(AcmeUrls.NEW_NONCE, "GET, HEAD", new NonceHandler());
        issuer("/acme/issuer/:caId", new IssuerHandler(readers.caCertificates(), show));

        ExternalAccountBinding eab = new ExternalAccountBinding(config.eabMacKeys(), readers.externalAccountKeys());
        signed(AcmeUrls.NEW_ACCOUNT, KeyBinding.JWK,
                new NewAccountHandler(ra, readers.accounts(), show, eab, config));
        signed("/acme/acct/:id", KeyBinding.KID, new AccountHandler(ra, show));
        signed("/acme/acct/:id/orders", KeyBinding.KID,
                new OrdersListHandler(readers.orders(), show, config.ordersPageSize()));
        signed(AcmeUrls.KEY_CHANGE, KeyBinding.KID,
                new KeyChangeHandler(ra, readers.accounts(), new KeyRollover(urls), show));
        signed(AcmeUrls.NEW_ORDER, KeyBinding.KID, new NewOrderHandler(ra, show));
        signed("/acme/order/:id", KeyBinding.KID, new OrderHandler(readers.orders(), ra, show));
        signed("/acme/authz/:id", KeyBinding.KID, new AuthorizationHandler(readers.authorizations(), ra, show));
        signed("/acme/chall/:authzId/:challId", KeyBinding.KID,
                new ChallengeHandler(readers.authorizations(), ra, show));
        signed("/acme/finalize/:orderId", KeyBinding.KID, new FinalizeHandler(readers.orders(), ra, show));
        signed("/acme/cert/:serial", KeyBinding.KID,
                new CertificateHandler(readers.certificates(), readers.caCertificates(), show));
        signed(AcmeUrls.REVOKE_CERT, KeyBinding.JWK_OR_KID, new RevokeCertHandler(ra));
        // last: any other path is 404 (without it, the body handler's method-only route would make it 405)
        router.route().handler(ctx -> ctx.fail(Problems.notFound("resource " + ctx.request().path())));
    }

    private void signed(String path, KeyBinding binding, SignedHandler handler) {
        router.post(path).handler(ctx -> verifier.verify(ctx, binding)
                .compose(request -> handler.handle(ctx, request))
                .onComplete(result -> Reply.send(ctx, result)));
        methodNotAllowedOtherwise(path, "POST");
    }

    private void unsigned(String path, String allowed, UnsignedHandler handler) {
        for (String method : allowed.split(", ")) {
            router.route(HttpMethod.valueOf(method), path).handler(ctx -> answer(ctx, handler));
        }
        methodNotAllowedOtherwise(path, allowed);
    }

    /**
     * The issuer certificates are public, so a plain GET serves them; RFC 8555 §6.3 has clients POST-as-GET every
     * resource but the directory and newNonce, and some (Caddy) follow the certificate's Link rel="up" that way, so
     * a verified POST-as-GET from any account serves them too.
     */
    private void issuer(String path, UnsignedHandler handler) {
        router.get(path).handler(ctx -> answer(ctx, handler));
        router.post(path).handler(ctx -> verifier.verify(ctx, KeyBinding.KID)
                .compose(request -> {
                    Ownership.requirePostAsGet(request);
                    return handler.handle(ctx);
                })
                .onComplete(result -> Reply.send(ctx, result)));
        methodNotAllowedOtherwise(path, "GET, POST");
    }

    private static void answer(io.vertx.ext.web.RoutingContext ctx, UnsignedHandler handler) {
        Future<Reply> reply;
        try {
            reply = handler.handle(ctx);
        } catch (RuntimeException e) {
            reply = Future.failedFuture(e);
        }
        reply.onComplete(result -> Reply.send(ctx, result));
    }

    // RFC 8555 §6.3: resources fetched by POST-as-GET refuse GET with 405 and say what is allowed
    private void methodNotAllowedOtherwise(String path, String allowed) {
        router.route(path).handler(ctx -> ctx.fail(Problems.methodNotAllowed(ctx.request().method().name(), allowed)));
    }
}
