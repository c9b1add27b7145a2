package dev.inkan.app;

import dev.inkan.ca.hsm.HsmException;
import dev.inkan.core.model.CaCertificate;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The {@code inkan} command line: {@code serve}, {@code ceremony} and {@code perspective} (a remote MPIC perspective). */
public final class Main {
    private static final Logger log = LoggerFactory.getLogger(Main.class);

    private Main() {}

    public static void main(String[] args) {
        String command = args.length == 0 ? "serve" : args[0];
        try {
            io.vertx.core.json.JsonObject config = ConfigLoader.load(System.getenv());
            if (command.equals("serve") || command.equals("ceremony") || command.equals("rotate-responders")) {
                // before the settings are built, so that every offending setting is named at once
                ProductionProfile.enforce(config);
            }
            Settings settings = Settings.from(config);
            switch (command) {
                case "serve" -> serve(withRoleOption(settings, args));
                case "ceremony" -> ceremony(settings);
                case "rotate-responders" -> rotateResponders(settings);
                case "perspective" -> RemotePerspectiveCommand.run(settings);
                case "reseller" -> System.exit(new ResellerCommand(settings, System.out, Clock.systemUTC())
                        .run(java.util.Arrays.copyOfRange(args, 1, args.length)));
                case "staff" -> System.exit(VettingStaffCommand.standard(settings, Clock.systemUTC())
                        .run(java.util.Arrays.copyOfRange(args, 1, args.length)));
                case "crl-trial" -> System.exit(CrlTrialCommand.run(settings,
                        java.util.Arrays.copyOfRange(args, 1, args.length), System.out));
                case "revoke", "renew-now" -> System.exit(new StaffCommand(settings, System.out, Clock.systemUTC())
                        .run(command, java.util.Arrays.copyOfRange(args, 1, args.length)));
                default -> {
                    System.err.println("unknown command: " + command
                            + " (serve, ceremony, rotate-responders, revoke, renew-now, reseller, staff, crl-trial)");
                    System.exit(2);
                }
            }
        } catch (IllegalArgumentException | HsmException e) {
            // Configuration and HSM problems carry messages written for the operator.
            System.err.println("inkan: " + e.getMessage());
            System.exit(1);
        }
    }

    /** {@code serve --role ROLE} wins over {@code operations.role}. */
    static Settings withRoleOption(Settings settings, String[] args) {
        for (int i = 1; i < args.length; i++) {
            if (args[i].equals("--role") && i + 1 < args.length) {
                return settings.withRole(Role.parse(args[i + 1]));
            }
            if (args[i].startsWith("--role=")) {
                return settings.withRole(Role.parse(args[i].substring("--role=".length())));
            }
            throw new IllegalArgumentException("serve takes --role all|frontend|signer|perspective|store, not " + args[i]);
        }
        return settings;
    }

    private static void ceremony(Settings settings) {
        Vertx vertx = Vertx.vertx();
        try {
            List<CaCertificate> certs = await(CaService.ceremony(vertx, settings, Clock.systemUTC()));
            for (CaCertificate c : certs) {
                System.out.printf("%-8s %s%n", c.id(), c.subjectDn());
            }
            System.out.println("CA certificates are in " + settings.caExportDir());
        } finally {
            await(vertx.close());
        }
    }

    /** Issue 14 finding 4: a new OCSP responder key and certificate for every issuing CA, now. */
    private static void rotateResponders(Settings settings) {
        Vertx vertx = Vertx.vertx();
        try {
            List<CaCertificate> made = await(CaService.rotateResponders(vertx, settings, Clock.systemUTC()));
            for (CaCertificate c : made) {
                System.out.printf("%-10s %s (issued by %s)%n", c.id(), c.subjectDn(), c.issuerId());
            }
            System.out.println("a running server adopts them within " + ResponderRenewal.EVERY.toMinutes()
                    + " minutes; certificates are in " + settings.caExportDir());
        } finally {
            await(vertx.close());
        }
    }

    private static void serve(Settings settings) {
        switch (settings.role()) {
            case STORE -> {
                store(settings);
                return;
            }
            case PERSPECTIVE -> {
                RemotePerspectiveCommand.run(settings);
                return;
            }
            default -> { }
        }
        Clock clock = AdjustableClock.of(System.getenv(), settings.production());
        SandboxTls tls = null;
        if (settings.acmeTls().sandbox()) {
            try {
                tls = new SandboxTls(settings.home()).ensure(clock);
            } catch (Exception e) {
                throw new IllegalArgumentException("cannot make the sandbox TLS certificate in " + settings.home() + ": " + e, e);
            }
        }
        PrometheusMetrics metrics = new PrometheusMetrics();
        Vertx vertx = metered(metrics, settings.listenerLimits().proxyProtocol());
        CaService service;
        try {
            service = await(CaService.start(vertx, settings, tls, clock, metrics));
        } catch (RuntimeException e) {
            await(vertx.close());
            throw e;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            log.info("stopping");
            try {
                service.stop().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
                vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                log.warn("unclean stop: {}", e.toString());
            }
        }, "inkan-shutdown"));
        System.out.print(Banner.text(settings, tls, service.caCertificates()));
        System.out.flush();
    }

    /**
     * The embedded store alone, on 127.0.0.1 at {@code storage.embeddedPort}, persisted in INKAN_HOME/store: the
     * other processes of this machine reach it through {@code storage.uri}, with the user and password the store keeps
     * (0600) in INKAN_HOME/store/credential (docs/design/store-authentication.md).
     */
    private static void store(Settings settings) {
        if (settings.storage().embeddedPort() == 0) {
            throw new IllegalArgumentException("the store role needs a fixed storage.embeddedPort "
                    + "(INKAN_STORAGE_EMBEDDED_PORT) for the other processes to connect to");
        }
        dev.inkan.storage.StoreServer server = dev.inkan.storage.StoreServer.start(
                settings.storage().embeddedFile(), settings.storage().embeddedPort(), Clock.systemUTC());
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            log.info("stopping the store");
            server.shutdown();
        }, "inkan-store-shutdown"));
        System.out.println("Inkan store listening at " + server.connectionString() + " (data in "
                + settings.storage().embeddedFile() + ", credential in "
                + dev.inkan.storage.StoreCredential.fileFor(settings.storage().embeddedFile()) + ")");
        System.out.flush();
    }

    /**
     * Vert.x with its HTTP server, client and pool metrics in the same registry as the CA's own series. Behind a
     * balancer speaking the PROXY protocol, without the HTTP server's: they read each connection's address before
     * the PROXY header has set it (Vert.x 5.0), and the connection keeps the balancer's address for good.
     */
    static Vertx metered(PrometheusMetrics metrics, boolean proxyProtocol) {
        io.vertx.micrometer.MicrometerMetricsOptions options = new io.vertx.micrometer.MicrometerMetricsOptions()
                .setEnabled(true).setJvmMetricsEnabled(true);
        if (proxyProtocol) {
            options.addDisabledMetricsCategory(io.vertx.micrometer.MetricsDomain.HTTP_SERVER);
        }
        return Vertx.builder()
                .with(new io.vertx.core.VertxOptions().setMetricsOptions(options))
                .withMetrics(new io.vertx.micrometer.MicrometerMetricsFactory(metrics.registry()))
                .build();
    }

    /** Blocks the calling (main) thread, never an event loop, for start-up and shut-down only. */
    static <T> T await(io.vertx.core.Future<T> f) {
        try {
            return f.toCompletionStage().toCompletableFuture().get(5, TimeUnit.MINUTES);
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(e.getCause());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
