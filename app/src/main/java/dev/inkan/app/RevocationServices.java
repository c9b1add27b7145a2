package dev.inkan.app;

import dev.inkan.ca.Signer;
import dev.inkan.ca.crl.CrlPublisher;
import dev.inkan.ca.ocsp.OcspResponder;
import dev.inkan.core.model.CaCertificate;
import dev.inkan.core.model.CertificateRecord;
import dev.inkan.core.port.CertificateEvents;
import dev.inkan.ra.RegistrationAuthorityImpl;
import dev.inkan.ra.StatusServices;
import dev.inkan.storage.Storage;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Revocation and status, wired: the CRL publisher and the OCSP responder over the HSM signer and the store, the
 * RA's status ports (key blocklist, revocation counts, ARI, listeners), subscriber emails through SMTP (in the
 * sandbox, to the harness's SMTP sink) and the routes on the relying-party listener.
 * An issuance pre-signs the certificate's OCSP answer and emails the subscriber; a revocation re-signs the OCSP
 * answer, publishes the issuer's CRL at once and emails the subscriber.
 */
final class RevocationServices {
    private static final Logger LOG = LoggerFactory.getLogger(RevocationServices.class);
    /** How long a revocation request waits for its CRL and OCSP answer before it returns anyway. */
    private static final Duration PUBLICATION_WAIT = Duration.ofSeconds(30);

    private final Vertx vertx;
    private final CrlPublisher crls;
    private final OcspResponder ocsp;
    private final Clock clock;
    private SubscriberNotices notices;
    private volatile CertificateEvents also = CertificateEvents.NONE;

    private RevocationServices(Vertx vertx, CrlPublisher crls, OcspResponder ocsp, Clock clock) {
        this.vertx = vertx;
        this.crls = crls;
        this.ocsp = ocsp;
        this.clock = clock;
    }

    /** Publishes the first CRLs, connects the RA, sets up subscriber notices and starts the staff endpoint. */
    static Future<RevocationServices> start(Vertx vertx, Settings settings, Signer signer, Storage storage,
            List<CaCertificate> caCertificates, RegistrationAuthorityImpl ra, MailRelay mail, Clock clock) {
        RevocationSettings r = settings.revocation();
        CrlPublisher crls = new CrlPublisher(vertx, signer, caCertificates, storage.crlCounters(),
                storage.revokedSerials(), settings.ceremony().urls(), r.crl(), clock);
        OcspResponder ocsp = new OcspResponder(vertx, signer, caCertificates, storage.stores().certificates(),
                r.ocsp(), clock);
        crls.onPublished((caId, entries) -> ocsp.reconcile(caId, entries)
                .onFailure(e -> LOG.error("OCSP answers of {} not brought in line with its CRL", caId, e)));
        RevocationServices s = new RevocationServices(vertx, crls, ocsp, clock);
        ra.connect(new StatusServices(storage.blockedKeys(), storage.crlCounters(), storage.renewals(),
                s.events(), r.ariExplanationUrl().isEmpty() ? null : r.ariExplanationUrl()));
        SmtpMailer mailer = mail.mailer();
        if (mailer != null) {
            s.notices = new SubscriberNotices(storage.stores().accounts(), mailer, "Inkan CA");
        }
        return crls.start()
                .map(v -> {
                    ocsp.start();
                    return s;
                })
                .recover(e -> s.stop().transform(x -> Future.failedFuture(e)));
    }

    /** The OCSP responder, for the responder rotation. */
    OcspResponder ocsp() {
        return ocsp;
    }

    /** One more listener of issuance and revocation (the order API's), told after the status services. */
    void alsoTell(CertificateEvents listener) {
        also = listener;
    }

    /** OCSP answers by outcome and cache use; each CRL's age by issuer and shard, read at each scrape. */
    void meter(PrometheusMetrics metrics, List<String> issuerIds) {
        ocsp.meter(metrics);
        int shards = crls.schedule().shards();
        for (String caId : issuerIds) {
            if (shards <= 1) {
                metrics.gauge("inkan.crl.age.seconds", "seconds since the current CRL's thisUpdate",
                        () -> age(crls.current(caId)), "issuer", caId, "shard", "full");
                continue;
            }
            for (int shard = 0; shard < shards; shard++) {
                int n = shard;
                metrics.gauge("inkan.crl.age.seconds", "seconds since the current CRL's thisUpdate",
                        () -> age(crls.current(caId, n)), "issuer", caId, "shard", String.valueOf(n));
            }
        }
    }

    private double age(java.util.Optional<dev.inkan.ca.crl.SignedCrl> crl) {
        return crl.map(c -> (double) Duration.between(c.thisUpdate(), clock.instant()).toSeconds()).orElse(Double.NaN);
    }

    /** Puts the CRL and OCSP routes on the relying-party router. */
    void mount(Router router) {
        new StatusRoutes(crls, ocsp, clock).mount(router);
    }

    private CertificateEvents events() {
        return new CertificateEvents() {
            @Override
            public void issued(CertificateRecord c) {
                ocsp.certificateIssued(c).onFailure(e -> LOG.warn("OCSP answer of {} not pre-signed", c.serial(), e));
                if (notices != null) {
                    notices.issued(c);
                }
                also.issued(c);
            }

            /** CP 002 §2.3: a new CRL at once; the revocation request returns when it and the OCSP answer exist. */
            @Override
            public Future<Void> revoked(CertificateRecord c) {
                if (notices != null) {
                    notices.revoked(c);
                }
                Future<Void> published = Future.all(ocsp.certificateRevoked(c), crls.publishNow(c.issuerId()))
                        .mapEmpty();
                return within(published, PUBLICATION_WAIT, "publication of the revocation of " + c.serial())
                        .eventually(() -> also.revoked(c));
            }
        };
    }

    /**
     * The work's outcome, or a failure after {@code limit}: a stuck HSM must not hold a revocation request forever
     * (the revocation is recorded already; the next CRL and OCSP refresh publish it).
     */
    private Future<Void> within(Future<Void> work, Duration limit, String what) {
        Promise<Void> bounded = Promise.promise();
        long timer = vertx.setTimer(limit.toMillis(), id -> bounded.tryFail(
                new java.util.concurrent.TimeoutException(what + " took longer than " + limit)));
        work.onComplete(ar -> {
            vertx.cancelTimer(timer);
            if (ar.succeeded()) {
                bounded.tryComplete();
            } else {
                bounded.tryFail(ar.cause());
            }
        });
        return bounded.future();
    }

    Future<Void> stop() {
        crls.stop();
        ocsp.stop();
        return Future.succeededFuture();
    }
}
