package dev.inkan.app;

import dev.inkan.caa.CaaConfig;
import dev.inkan.caa.CaaService;
import dev.inkan.dns.DnsResolver;
import dev.inkan.validators.ValidationAuthorityImpl;
import dev.inkan.validators.ValidatorConfig;
import dev.inkan.validators.perspective.RemotePerspectiveServer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.util.concurrent.TimeUnit;

/**
 * {@code inkan perspective}: this process is one remote network perspective (BR 3.2.2.9): its own validation
 * authority and CAA checker with its own resolver and cache, serving the primary over mutually authenticated
 * HTTPS. It keeps no state and sends no iodef reports (the primary does).
 */
final class RemotePerspectiveCommand {
    private RemotePerspectiveCommand() {}

    static void run(Settings settings) {
        PerspectiveSettings p = settings.perspectives();
        if (p.serverTls() == null) {
            throw new IllegalArgumentException("perspective.cert, perspective.key and perspective.clientTrust are"
                    + " needed: a remote perspective answers only the primary, over mutual TLS");
        }
        ValidatorConfig v = settings.validation();
        ValidatorConfig mine = new ValidatorConfig(v.resolvers(), v.http01Port(), v.tlsPort(),
                v.allowPrivateAddresses(), v.dnsTimeout(), v.httpTimeout(), p.name(), v.profile(),
                v.dnssecTrustAnchors());
        Clock clock = Clock.systemUTC();
        Vertx vertx = Vertx.vertx();
        ValidationAuthorityImpl va = new ValidationAuthorityImpl(vertx, mine, clock);
        CaaService caa = new CaaService(DnsResolver.of(vertx, mine.dns(), clock),
                new CaaConfig(settings.acme().caaIdentities(), p.name()), report -> Future.succeededFuture(), clock);
        RemotePerspectiveServer server = Main.await(RemotePerspectiveServer.start(vertx, p.listen().host(),
                p.listen().port(), p.serverTls(), va, caa));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                server.close().compose(x -> va.close()).compose(x -> vertx.close())
                        .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                System.err.println("inkan perspective: unclean stop: " + e);
            }
        }, "inkan-perspective-shutdown"));
        System.out.println("inkan perspective " + p.name() + " listening on " + p.listen().host() + ":"
                + server.port());
        System.out.flush();
    }
}
