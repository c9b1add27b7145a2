package dev.inkan.app;

import dev.inkan.acme.AcmeReaders;
import dev.inkan.acme.AcmeServer;
import dev.inkan.ca.CaIds;
import dev.inkan.ca.ceremony.Ceremony;
import dev.inkan.ca.hsm.SoftHsmToken;
import dev.inkan.ca.hsm.TokenSigner;
import dev.inkan.core.model.CaCertificate;
import dev.inkan.core.port.ResellerStores;
import dev.inkan.core.port.Stores;
import dev.inkan.core.vetting.VettingStores;
import dev.inkan.vetting.StaffAccounts;
import dev.inkan.vetting.VettingContext;
import dev.inkan.harness.Harness;
import dev.inkan.orderapi.OrderApi;
import dev.inkan.orderapi.OrderApiReaders;
import dev.inkan.orderapi.ResellerAdministration;
import dev.inkan.ra.RegistrationAuthorityImpl;
import dev.inkan.ra.limit.RateLimitedValidations;
import dev.inkan.ra.limit.RateLimits;
import dev.inkan.storage.Storage;
import dev.inkan.validators.RegistrantConfig;
import dev.inkan.validators.RegistrantLookupService;
import dev.inkan.validators.ValidationAuthorityImpl;
import dev.inkan.core.port.RegistrantLookup;
import dev.inkan.ra.DomainValidationServices;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.PemKeyCertOptions;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole CA in one process, wired: the sandbox harness (when configured), storage, the HSM token and the
 * ceremony, the signing authority, the validators, the RA, the ACME listener and the relying-party listener.
 * Only this class knows which implementation sits behind each port.
 */
final class CaService {
    private static final Logger log = LoggerFactory.getLogger(CaService.class);

    private final Vertx vertx;
    private Harness harness;
    /** The sandbox's stand-ins for the outside world run on event loops of their own (see startAll). */
    private Vertx harnessVertx;
    private IssuanceServices issuance;
    private Storage storage;
    private ValidationAuthorityImpl validators;
    private RegistrationAuthorityImpl ra;
    private AcmeServer acme;
    private RevocationServices revocation;
    private MailRelay mail;
    private RegistrantLookupService registrants;
    private OrderApi orderApi;
    private FrontEndCertificateAuthority.Events frontEndEvents;
    private VettingStores vetting;
    private VettingServices vettingServices;
    private AdminListener admin;
    private PrometheusMetrics metrics;
    private final Readiness readiness = new Readiness();
    private SignerDuty duty;
    private NonceRedemption nonceRedemption;
    private int operationsPort = -1;
    private final List<HttpServer> servers = new ArrayList<>();
    private ListenerLimits listenerLimits;
    private List<CaCertificate> caCertificates = List.of();
    private Ceremony ceremony;
    private TokenSigner tokenSigner;
    private ResponderRenewal responders;

    private CaService(Vertx vertx) {
        this.vertx = vertx;
    }

    List<CaCertificate> caCertificates() {
        return caCertificates;
    }

    /** Starts everything; on any failure, stops what had started and fails. */
    static Future<CaService> start(Vertx vertx, Settings settings, SandboxTls tls, Clock clock,
            PrometheusMetrics metrics) {
        CaService s = new CaService(vertx);
        s.metrics = metrics;
        return s.startAll(settings, tls, clock).map(s)
                .recover(e -> s.stop().transform(ignored -> Future.failedFuture(e)));
    }

    /** Runs only the key ceremony (idempotent) and returns the hierarchy. */
    static Future<List<CaCertificate>> ceremony(Vertx vertx, Settings settings, Clock clock) {
        CaService s = new CaService(vertx);
        return s.openStorage(settings, clock)
                .compose(v -> SoftHsmToken.open(vertx, settings.hsm()))
                .compose(token -> new Ceremony(vertx, token, s.storage.stores().caCertificates(),
                        s.storage.stores().audit(), settings.ceremony(), clock).run())
                .eventually(s::stop);
    }

    /**
     * {@code ./inkan rotate-responders}: runs the ceremony (idempotent), then gives every issuing CA a new OCSP
     * responder key and certificate at once; a running server adopts them on its next renewal pass.
     */
    static Future<List<CaCertificate>> rotateResponders(Vertx vertx, Settings settings, Clock clock) {
        CaService s = new CaService(vertx);
        return s.openStorage(settings, clock)
                .compose(v -> SoftHsmToken.open(vertx, settings.hsm()))
                .compose(token -> {
                    Ceremony c = new Ceremony(vertx, token, s.storage.stores().caCertificates(),
                            s.storage.stores().audit(), settings.ceremony(), clock);
                    return c.run().compose(hierarchy -> ResponderRenewal.forceAll(c, hierarchy));
                })
                .eventually(s::stop);
    }

    private Future<Void> openStorage(Settings settings, Clock clock) {
        return Storage.open(vertx, settings.storage(), clock,
                metrics == null ? dev.inkan.core.port.Metrics.NONE : metrics).map(st -> {
                    storage = st;
                    return null;
                });
    }

    private Future<Void> startAll(Settings settings, SandboxTls tls, Clock clock) {
        listenerLimits = settings.listenerLimits();
        Role role = settings.role();
        // The mock DNS and the fake registries stand for servers elsewhere on the network: on the CA's own
        // event loops a busy CA delayed its own DNS answers past the resolver's timeout (CAA and A lookups
        // failed at 64 concurrent clients), which no real deployment would see.
        Future<Void> sandbox = Future.succeededFuture();
        if (settings.harness() != null) {
            harnessVertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(2));
            sandbox = Harness.start(harnessVertx, settings.harness(), clock).map(h -> {
                harness = h;
                return null;
            });
        }
        Future<Void> common = sandbox
                .compose(v -> openStorage(settings, clock))
                .map(v -> {
                    readiness.add("store", () -> storage.reachable(READY_WITHIN));
                    metrics.gauge("inkan.orders.processing", "orders finalized and waiting for their certificate",
                            queueDepth(), new String[0]);
                    return null;
                })
                .compose(v -> MailRelay.start(vertx, settings, clock))
                .map(m -> {
                    mail = m;
                    return null;
                });
        if (role != Role.SIGNER) {
            common = common.map(v -> {
                nonceRedemption = new NonceRedemption(vertx, storage.frontEnds(), clock, settings.operations().name(),
                        metrics);
                return null;
            });
        }
        return switch (role) {
            case FRONTEND -> common.compose(v -> startFrontEnd(settings, tls, clock));
            case SIGNER -> common.compose(v -> startSigner(settings, clock));
            default -> common.compose(v -> SoftHsmToken.open(vertx, settings.hsm()))
                    .compose(token -> startSigning(settings, token, clock))
                    .compose(v -> startOperations(settings))
                    .compose(v -> issuance.recover(storage, ra, settings, clock, clock.instant(), null))
                    .compose(recovered -> {
                        if (recovered > 0) {
                            log.warn("{} order(s) interrupted while processing were failed; their clients may retry",
                                    recovered);
                        }
                        return startAcme(settings, tls, clock);
                    })
                    .compose(v -> startOrderApi(settings, tls, clock))
                    .compose(v -> startRelyingParties(settings))
                    .compose(v -> startVetting(settings, tls, clock));
        };
    }

    /**
     * The ceremony (idempotent), the HSM signer, the CT submitter, the CA, the RA with its validators, CRLs and OCSP:
     * everything that signs. In the signer role it runs once this process holds the signer lease.
     */
    private Future<Void> startSigning(Settings settings, SoftHsmToken token, Clock clock) {
        ceremony = new Ceremony(vertx, token, storage.stores().caCertificates(), storage.stores().audit(),
                settings.ceremony(), clock);
        return ceremony.run()
                .compose(certs -> {
                    caCertificates = certs;
                    // the ceremony's keys and every later responder generation the token holds
                    return TokenSigner.load(vertx, token, certs.stream().map(CaCertificate::keyAlias).toList());
                })
                .compose(loaded -> IssuanceServices.start(vertx, settings, clock).map(i -> {
                    tokenSigner = loaded;
                    issuance = i;
                    issuance.meter(metrics);
                    readiness.add("hsm", HsmProbe.ofResponder(vertx, tokenSigner,
                            () -> revocation == null ? null : revocation.ocsp(), CaIds.DV, CaIds.OCSP_DV, clock)::usable);
                    readiness.add("ctLogList", () -> Future.succeededFuture(issuance.logListUsable(clock.instant())));
                    dev.inkan.ca.Signer signer = new MeteredSigner(tokenSigner, metrics);
                    return duty == null ? signer : duty.fence(signer);
                }))
                .compose(signer -> {
                    var ca = new MeteredCertificateAuthority(
                            issuance.authority(signer, storage, caCertificates, settings, clock), metrics);
                    startRa(settings, ca, clock);
                    return connectDomainValidation(settings, clock).compose(v ->
                            RevocationServices.start(vertx, settings, signer, storage, caCertificates, ra, mail, clock))
                            .compose(rs -> {
                                // OCSP responder keys rotate before their certificates end (issue 14 finding 4)
                                responders = new ResponderRenewal(vertx, ceremony, tokenSigner, rs.ocsp(),
                                        caCertificates, storage.stores().caCertificates(), clock);
                                return responders.start().map(rs);
                            });
                })
                .map(rs -> {
                    revocation = rs;
                    revocation.meter(metrics, List.of(CaIds.DV, CaIds.OV));
                    return null;
                });
    }

    private void startRa(Settings settings, dev.inkan.core.port.CertificateAuthority ca, Clock clock) {
        validators = new ValidationAuthorityImpl(vertx, settings.validation(), clock,
                settings.validationLimits().workers());
        ValidationServices validation = ValidationServices.wire(vertx, settings, storage, validators, mail, clock);
        RateLimits limits = new RateLimits(settings.rateLimits(), storage.rateLimitCounters(),
                storage.rateLimitOverrides(), RateLimits.OVERRIDES_FRESH, clock);
        ra = new RegistrationAuthorityImpl(settings.ra(), storage.stores(), new RateLimitedValidations(
                new MeteredValidationAuthority(validation.validationAuthority(), metrics), limits), ca,
                validation.caa(), vertx, clock);
        ra.limitRates(limits);
        ra.finalizeSynchronouslyWithin(settings.issuance().finalizeWait());
        ra.answerChallengesWithin(settings.domainValidation().challengeWait());
        vetting = storage.vetting();
        // OV: accounts bound by an EAB key issued on approval get the vetted organization's subject
        ra.connect(vetting.organizations());
    }

    /**
     * A front end: ACME with its validations, no HSM. Finalized orders are queued for the signer; revocations are
     * recorded in the store, and the signer's CRL poll publishes them and re-signs their OCSP answers.
     */
    private Future<Void> startFrontEnd(Settings settings, SandboxTls tls, Clock clock) {
        startRa(settings, FrontEndCertificateAuthority.INSTANCE, clock);
        ra.handOverIssuanceTo(storage.issuanceQueue());
        frontEndEvents = new FrontEndCertificateAuthority.Events();
        ra.connect(new dev.inkan.ra.StatusServices(storage.blockedKeys(), storage.crlCounters(), storage.renewals(),
                frontEndEvents,
                settings.revocation().ariExplanationUrl().isEmpty() ? null : settings.revocation().ariExplanationUrl()));
        // ACME, the order API, the OV portal and the staff console: what they keep (web sessions, idempotency
        // claims, rate-limit counters, webhook leases) is in the store, so any front end answers any request; staff
        // commands run where a front end runs (docs/operating.md)
        return connectDomainValidation(settings, clock)
                .compose(v -> startOperations(settings))
                .compose(v -> startAcme(settings, tls, clock))
                .compose(v -> startOrderApi(settings, tls, clock))
                .compose(v -> startVetting(settings, tls, clock));
    }

    /**
     * A signer: the admin listener at once (a standby is live, and ready only once it holds the lease), then the
     * wait for the signer lease; once held, everything that signs, the recovery of what the previous holder left
     * half-way, the issuance queue's worker and the relying-party listener.
     */
    private Future<Void> startSigner(Settings settings, Clock clock) {
        return SoftHsmToken.open(vertx, settings.hsm()).compose(token -> {
            duty = new SignerDuty(vertx, storage.leases(), storage.issuanceQueue(), settings.hsm().tokenLabel(),
                    settings.operations().name(), clock);
            // a standby serves nothing, so it is live but not ready until it holds the lease
            readiness.add("signerLease", () -> Future.succeededFuture(duty.holds()));
            return startOperations(settings).map(token);
        }).compose(token -> {
            // in the background: serve returns at once and the process waits as a standby
            duty.whenActive(() -> startSigning(settings, token, clock)
                    .compose(v -> issuance.recover(storage, ra, settings, clock, clock.instant(),
                            storage.issuanceQueue()))
                    .compose(recovered -> duty.startWorking(ra))
                    .compose(v -> startRelyingParties(settings)));
            return Future.succeededFuture();
        });
    }

    private Future<Void> startAcme(Settings settings, SandboxTls tls, Clock clock) {
        return AcmeServer.start(vertx, settings.acme(), ra,
                        AcmeReaders.of(storage.stores(), vetting.organizations()), storage.stores().nonces(), clock)
                .compose(a -> {
                    acme = a;
                    a.redeemNoncesOfOthersThrough(nonceRedemption);
                    return operationsPort < 0 ? Future.succeededFuture(a)
                            : peerUrl(settings.operations()).compose(url -> nonceRedemption.serve(a, url)).map(a);
                })
                .compose(a -> {
                    HttpServerOptions options = acmeListenerOptions(settings.acmeTls(), tls);
                    // Ahead of the ACME routes, which end in a catch-all 404: the request log, /terms (the directory
                    // links to it), the home page.
                    a.router().route().order(-1).handler(new RequestLog(settings.operations().jsonLogs(),
                            settings.operations().name(), clock, metrics)::handle);
                    if (!settings.production()) {
                        a.router().get(Settings.TERMS_PATH).order(-1).handler(SandboxPages::terms);
                    }
                    a.router().get("/").order(-1).handler(SandboxPages::home);
                    EmailConfirmationPage.mount(a.router(), DomainValidationSettings.CONFIRMATION_PATH, ra);
                    return listen(listenerLimits.clientFacing(options), a.router(), settings.acmeListener());
                });
    }

    /** The reseller order API on its own HTTPS listener, its operator commands on the staff endpoint. */
    private Future<Void> startOrderApi(Settings settings, SandboxTls tls, Clock clock) {
        ResellerStores stores = storage.resellerStores();
        ResellerCommand.mount(admin.router(), new ResellerAdministration(stores.resellers(), clock));
        RateLimitOverrideRoutes.mount(admin.router(), storage.rateLimitOverrides());
        if (clock instanceof AdjustableClock adjustable) {
            adjustable.mount(admin.router()); // sandbox clock tests only (EmailValidationClockIT)
        }
        if (!settings.orderApi().enabled()) {
            return Future.succeededFuture();
        }
        Stores s = storage.stores();
        OrderApiReaders readers = new OrderApiReaders(s.accounts(), s.orders(), s.authorizations(), s.certificates(),
                s.caCertificates(), vetting.organizations());
        return OrderApi.start(vertx, settings.orderApi().config(), ra, readers, stores, mail.mailer(), clock)
                .compose(api -> {
                    orderApi = api;
                    if (revocation != null) {
                        revocation.alsoTell(api.certificateEvents());
                    } else {
                        // a front end: issuance is the signer's, seen by the API's sweep; revocations are told here
                        frontEndEvents.alsoTell(api.certificateEvents());
                        // several front ends: one delivers a reseller's webhooks at a time, in order
                        api.deliverWebhooksOneProcessAtATime(storage.leases(), settings.operations().name());
                    }
                    // The same certificate as the ACME listener: both are this CA's public HTTPS endpoints.
                    HttpServerOptions options = acmeListenerOptions(settings.acmeTls(), tls);
                    return listen(listenerLimits.clientFacing(options), api.router(), settings.orderApi().listen());
                });
    }

    /** The configured certificate and key, plain HTTP behind a TLS-terminating proxy, or the sandbox's. */
    static HttpServerOptions acmeListenerOptions(Settings.AcmeTls acmeTls, SandboxTls sandbox) {
        if (acmeTls.plainHttpBehindProxy()) {
            return new HttpServerOptions();
        }
        String cert = acmeTls.configured() ? acmeTls.certPem() : sandbox.certPem.toString();
        String key = acmeTls.configured() ? acmeTls.keyPem() : sandbox.keyPem.toString();
        return new HttpServerOptions().setSsl(true)
                .setKeyCertOptions(new PemKeyCertOptions().setCertPath(cert).setKeyPath(key));
    }

    /**
     * The validation methods outside ACME: mail through the CA's relay, the confirmation page on the ACME listener,
     * RDAP and WHOIS through IANA (in the sandbox, the harness's fake registries), the operator's registrar TLDs.
     */
    private Future<Void> connectDomainValidation(Settings settings, Clock clock) {
        DomainValidationSettings d = settings.domainValidation();
        Future<RegistrantConfig> where;
        if (d.rdapBootstrapUrl().isBlank() && d.ianaWhois().isBlank() && harness != null) {
            where = harness.listenRegistries("127.0.0.1").map(r -> new RegistrantConfig(r.bootstrapUrl(),
                    d.bootstrapCache(), r.ianaWhois(), r.whoisPort(), d.registrantMaxAge(), null));
        } else {
            where = Future.succeededFuture(new RegistrantConfig(
                    d.rdapBootstrapUrl().isBlank() ? RegistrantConfig.IANA_BOOTSTRAP : d.rdapBootstrapUrl(),
                    d.bootstrapCache(), d.ianaWhois().isBlank() ? RegistrantConfig.IANA_WHOIS : d.ianaWhois(),
                    d.whoisPort(), d.registrantMaxAge(), null));
        }
        return where.map(config -> {
            registrants = new RegistrantLookupService(vertx, settings.validation(), config, clock);
            SmtpMailer mailer = mail.mailer();
            ra.connect(new DomainValidationServices(mailer == null ? null : mailer::send, d.emailConfirmationUrl(),
                    registrants, d.domainContactTlds(), "Inkan"));
            return null;
        });
    }

    /** The registrant lookup (RDAP/WHOIS), for OV vetting's supporting evidence. */
    RegistrantLookup registrants() {
        return registrants;
    }

    /**
     * The vetting staff command on the staff endpoint; the OV applicant portal and the staff vetting console, on their
     * own HTTPS listeners.
     */
    private Future<Void> startVetting(Settings settings, SandboxTls tls, Clock clock) {
        mountVettingStaffCommand(clock);
        if (!settings.vetting().enabled()) {
            return Future.succeededFuture();
        }
        return VettingServices.start(vertx, settings, vetting, storage.stores().audit(), storage.rateLimitCounters(),
                storage.webSessions(), registrants, mail, acmeListenerOptions(settings.acmeTls(), tls), clock).map(vs -> {
                    vettingServices = vs;
                    return null;
                });
    }

    private void mountVettingStaffCommand(Clock clock) {
        VettingStaffCommand.mount(admin.router(), new StaffAccounts(new VettingContext(vetting,
                storage.stores().audit(), clock, vertx)), vetting.staff());
    }

    private Future<Void> startRelyingParties(Settings settings) {
        io.vertx.ext.web.Router relyingParties = RelyingPartyRoutes.create(vertx, storage.stores().caCertificates());
        revocation.mount(relyingParties);
        return listen(new HttpServerOptions(), relyingParties, settings.publicListener());
    }

    private static final java.time.Duration READY_WITHIN = java.time.Duration.ofSeconds(2);

    /** The processing orders, counted at most every 10 s so a fast scraper cannot load the store. */
    private java.util.function.Supplier<Number> queueDepth() {
        java.util.concurrent.atomic.AtomicLong last = new java.util.concurrent.atomic.AtomicLong(-1);
        java.util.concurrent.atomic.AtomicLong countedAt = new java.util.concurrent.atomic.AtomicLong();
        return () -> {
            long now = System.nanoTime();
            if (now - countedAt.get() > 10_000_000_000L || last.get() < 0) {
                countedAt.set(now);
                storage.processingOrders().onSuccess(last::set);
            }
            return last.get() < 0 ? Double.NaN : last.get();
        };
    }

    /** The admin listener (staff operations, metrics, health) and, when configured, the operations listener. */
    private Future<Void> startOperations(Settings settings) {
        OperationsRoutes routes = new OperationsRoutes(metrics.registry(), readiness);
        Future<Void> adminUp = AdminListener.start(vertx, settings.revocation().admin(), settings.home(),
                ra == null ? null : ra.staff(), tokenSigner, ra, listenerLimits, routes).map(a -> {
                    admin = a;
                    // the bench's store of realistic size (issue 12); a production CA refuses
                    new StorePrefill(vertx, storage).mount(a.router(), StorePrefill.refusal(settings));
                    StoreFootprintRoute.mount(a.router(), storage);
                    return null;
                });
        if (settings.operations().listen() == null) {
            return adminUp;
        }
        return adminUp.compose(v -> {
            io.vertx.ext.web.Router router = io.vertx.ext.web.Router.router(vertx);
            routes.mount(router);
            if (nonceRedemption != null) {
                // the other front ends reach this one here, where a load balancer's health checks do too
                nonceRedemption.mount(router);
            }
            Settings.Listener at = settings.operations().listen();
            return listenerLimits.server(vertx, new HttpServerOptions(), router).listen(at.port(), at.host())
                    .map(server -> {
                        servers.add(server);
                        operationsPort = server.actualPort();
                        return null;
                    });
        });
    }

    /** Where the other front ends reach this one's operations listener: configured, or made from the listener. */
    private Future<String> peerUrl(OperationsSettings operations) {
        if (operations.peerUrl() != null) {
            return Future.succeededFuture(operations.peerUrl());
        }
        String host = operations.listen().host();
        if (!host.equals("0.0.0.0") && !host.equals("::") && !host.equals("[::]")) {
            return Future.succeededFuture("http://" + host + ":" + operationsPort);
        }
        return vertx.executeBlocking(() -> "http://" + java.net.InetAddress.getLocalHost().getHostName() + ":"
                + operationsPort, false);
    }

    private Future<Void> listen(HttpServerOptions options, io.vertx.ext.web.Router router, Settings.Listener at) {
        HttpServer server = listenerLimits.server(vertx, options, router);
        return server.listen(at.port(), at.host()).map(s -> {
            servers.add(s);
            return null;
        });
    }

    /** Stops listening, lets running validations and issuance finish, then closes the store and the harness. */
    Future<Void> stop() {
        if (responders != null) {
            responders.stop();
        }
        List<Future<Void>> closing = new ArrayList<>();
        for (HttpServer s : servers) {
            closing.add(s.close());
        }
        if (vettingServices != null) {
            closing.add(vettingServices.stop());
        }
        if (duty != null) {
            duty.stop();
        }
        return Future.join(closing)
                .transform(v -> {
                    if (acme != null) {
                        acme.close();
                    }
                    return ra == null ? Future.<Void>succeededFuture() : ra.drain();
                })
                .transform(v -> orderApi == null ? Future.<Void>succeededFuture() : orderApi.close())
                .transform(v -> duty == null ? Future.<Void>succeededFuture() : duty.release())
                .transform(v -> validators == null ? Future.<Void>succeededFuture() : validators.close())
                .transform(v -> registrants == null ? Future.<Void>succeededFuture() : registrants.close())
                .transform(v -> issuance == null ? Future.<Void>succeededFuture() : issuance.stop())
                .transform(v -> revocation == null ? Future.<Void>succeededFuture() : revocation.stop())
                .transform(v -> admin == null ? Future.<Void>succeededFuture() : admin.stop(vertx))
                .transform(v -> mail == null ? Future.<Void>succeededFuture() : mail.stop())
                .transform(v -> nonceRedemption == null ? Future.<Void>succeededFuture() : nonceRedemption.stop())
                .transform(v -> storage == null ? Future.<Void>succeededFuture() : storage.close())
                .transform(v -> harness == null ? Future.<Void>succeededFuture() : harness.stop())
                .transform(v -> harnessVertx == null ? Future.<Void>succeededFuture() : harnessVertx.close())
                .mapEmpty();
    }
}
