package dev.inkan.app;

import dev.inkan.acme.AcmeReaders;
import dev.inkan.acme.AcmeServer;
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
    private VettingStores vetting;
    private VettingServices vettingServices;
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
    static Future<CaService> start(Vertx vertx, Settings settings, SandboxTls tls, Clock clock) {
        CaService s = new CaService(vertx);
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
        return Storage.open(vertx, settings.storage(), clock).map(st -> {
            storage = st;
            return null;
        });
    }

    private Future<Void> startAll(Settings settings, SandboxTls tls, Clock clock) {
        listenerLimits = settings.listenerLimits();
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
        return sandbox
                .compose(v -> openStorage(settings, clock))
                .compose(v -> MailRelay.start(vertx, settings, clock))
                .compose(m -> {
                    mail = m;
                    return SoftHsmToken.open(vertx, settings.hsm());
                })
                .compose(token -> {
                    ceremony = new Ceremony(vertx, token, storage.stores().caCertificates(),
                            storage.stores().audit(), settings.ceremony(), clock);
                    return ceremony.run().compose(certs -> {
                        caCertificates = certs;
                        // the ceremony's keys and every later responder generation the token holds
                        return TokenSigner.load(vertx, token, certs.stream().map(CaCertificate::keyAlias).toList());
                    }).map(signer -> {
                        tokenSigner = signer;
                        return signer;
                    });
                })
                .compose(signer -> IssuanceServices.start(vertx, settings, clock).map(i -> {
                    issuance = i;
                    return signer;
                }))
                .compose(signer -> {
                    var ca = issuance.authority(signer, storage, caCertificates, settings, clock);
                    validators = new ValidationAuthorityImpl(vertx, settings.validation(), clock,
                            settings.validationLimits().workers());
                    ValidationServices validation = ValidationServices.wire(vertx, settings, storage, validators, mail, clock);
                    RateLimits limits = new RateLimits(settings.rateLimits(), storage.rateLimitCounters(),
                            storage.rateLimitOverrides(), RateLimits.OVERRIDES_FRESH, clock);
                    ra = new RegistrationAuthorityImpl(settings.ra(), storage.stores(),
                            new RateLimitedValidations(validation.validationAuthority(), limits), ca, validation.caa(),
                            vertx, clock);
                    ra.limitRates(limits);
                    vetting = storage.vetting();
                    // OV: accounts bound by an EAB key issued on approval get the vetted organization's subject
                    ra.connect(vetting.organizations());
                    return connectDomainValidation(settings, clock).map(signer);
                })
                .compose(signer -> {
                    return RevocationServices.start(vertx, settings, signer, storage, caCertificates, ra, mail, clock)
                            .compose(rs -> {
                                revocation = rs;
                                responders = new ResponderRenewal(vertx, ceremony, tokenSigner, rs.ocsp(),
                                        caCertificates, storage.stores().caCertificates(), clock);
                                return responders.start();
                            })
                            .compose(v -> issuance.recover(storage, ra, settings, clock, clock.instant()));
                })
                .compose(recovered -> {
                    if (recovered > 0) {
                        log.warn("{} order(s) interrupted while processing were failed; their clients may retry", recovered);
                    }
                    return AcmeServer.start(vertx, settings.acme(), ra, AcmeReaders.of(storage.stores(), vetting.organizations()),
                            storage.stores().nonces(), clock);
                })
                .compose(a -> {
                    acme = a;
                    HttpServerOptions options = acmeListenerOptions(settings.acmeTls(), tls);
                    // Ahead of the ACME routes, which end in a catch-all 404: the directory links to /terms.
                    if (!settings.production()) {
                        a.router().get(Settings.TERMS_PATH).order(-1).handler(SandboxPages::terms);
                    }
                    a.router().get("/").order(-1).handler(SandboxPages::home);
                    EmailConfirmationPage.mount(a.router(), DomainValidationSettings.CONFIRMATION_PATH, ra);
                    return listen(options, a.router(), settings.acmeListener());
                })
                .compose(v -> startOrderApi(settings, tls, clock))
                .compose(v -> {
                    io.vertx.ext.web.Router relyingParties = RelyingPartyRoutes.create(vertx,
                            storage.stores().caCertificates());
                    revocation.mount(relyingParties);
                    return listen(new HttpServerOptions(), relyingParties, settings.publicListener());
                })
                .compose(v -> {
                    VettingStaffCommand.mount(revocation.adminRouter(), new StaffAccounts(new VettingContext(vetting,
                            storage.stores().audit(), clock, vertx)), vetting.staff());
                    return Future.<Void>succeededFuture();
                })
                .compose(v -> !settings.vetting().enabled() ? Future.<Void>succeededFuture()
                        : VettingServices.start(vertx, settings, vetting, storage.stores().audit(),
                                storage.rateLimitCounters(), storage.webSessions(), registrants, mail,
                                acmeListenerOptions(settings.acmeTls(), tls), clock).map(vs -> {
                                    vettingServices = vs;
                                    return null;
                                }));
    }

    /** The reseller order API on its own HTTPS listener, its operator commands on the staff endpoint. */
    private Future<Void> startOrderApi(Settings settings, SandboxTls tls, Clock clock) {
        ResellerStores stores = storage.resellerStores();
        ResellerCommand.mount(revocation.adminRouter(), new ResellerAdministration(stores.resellers(), clock));
        RateLimitOverrideRoutes.mount(revocation.adminRouter(), storage.rateLimitOverrides());
        if (!settings.orderApi().enabled()) {
            return Future.succeededFuture();
        }
        Stores s = storage.stores();
        OrderApiReaders readers = new OrderApiReaders(s.accounts(), s.orders(), s.authorizations(), s.certificates(),
                s.caCertificates());
        return OrderApi.start(vertx, settings.orderApi().config(), ra, readers, stores, mail.mailer(), clock)
                .compose(api -> {
                    orderApi = api;
                    revocation.alsoTell(api.certificateEvents());
                    // The same certificate as the ACME listener: both are this CA's public HTTPS endpoints.
                    return listen(acmeListenerOptions(settings.acmeTls(), tls), api.router(),
                            settings.orderApi().listen());
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
        return Future.join(closing)
                .transform(v -> {
                    if (acme != null) {
                        acme.close();
                    }
                    return ra == null ? Future.<Void>succeededFuture() : ra.drain();
                })
                .transform(v -> orderApi == null ? Future.<Void>succeededFuture() : orderApi.close())
                .transform(v -> validators == null ? Future.<Void>succeededFuture() : validators.close())
                .transform(v -> registrants == null ? Future.<Void>succeededFuture() : registrants.close())
                .transform(v -> issuance == null ? Future.<Void>succeededFuture() : issuance.stop())
                .transform(v -> revocation == null ? Future.<Void>succeededFuture() : revocation.stop())
                .transform(v -> mail == null ? Future.<Void>succeededFuture() : mail.stop())
                .transform(v -> storage == null ? Future.<Void>succeededFuture() : storage.close())
                .transform(v -> harness == null ? Future.<Void>succeededFuture() : harness.stop())
                .transform(v -> harnessVertx == null ? Future.<Void>succeededFuture() : harnessVertx.close())
                .mapEmpty();
    }
}
