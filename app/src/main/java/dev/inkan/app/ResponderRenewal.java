package dev.inkan.app;

import dev.inkan.ca.ceremony.Ceremony;
import dev.inkan.ca.hsm.TokenSigner;
import dev.inkan.ca.ocsp.OcspResponder;
import dev.inkan.core.model.CaCertificate;
import dev.inkan.core.port.CaCertificateReader;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.bouncycastle.cert.X509CertificateHolder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the delegated OCSP responders (CP 002 table 7.3.1; 90 days in the sandbox) valid: on every pass, for each
 * issuing CA, a responder another process made ({@code ./inkan rotate-responders}, another signer) is adopted; else
 * when the newest responder ends within {@link #RENEW_BEFORE} a new one is made in the token; the OCSP answers are
 * signed again by the new one. A responder or CA certificate nearing its end with nothing to replace it is logged
 * as a warning on every pass, so an operator sees it long before OCSP fails (BR 4.9.10: every answer must stay
 * signed by a valid responder).
 */
final class ResponderRenewal {
    private static final Logger LOG = LoggerFactory.getLogger(ResponderRenewal.class);
    /** A third of the sandbox's 90 days: a failed rotation has weeks of retries before the warning. */
    static final Duration RENEW_BEFORE = Duration.ofDays(30);
    /** Responders: warned about from here; rotation should have happened 16 days earlier. */
    static final Duration WARN_BEFORE = Duration.ofDays(14);
    /** The root and issuing CAs need a ceremony to replace: warned about half a year ahead. */
    static final Duration CA_WARN_BEFORE = Duration.ofDays(180);
    static final Duration EVERY = Duration.ofMinutes(10);

    private final Vertx vertx;
    private final Ceremony ceremony;
    private final TokenSigner signer;
    private final OcspResponder ocsp;
    private final List<CaCertificate> hierarchy;
    private final CaCertificateReader store;
    private final Clock clock;
    private long timer = -1;
    private boolean running;

    ResponderRenewal(Vertx vertx, Ceremony ceremony, TokenSigner signer, OcspResponder ocsp,
            List<CaCertificate> hierarchy, CaCertificateReader store, Clock clock) {
        this.vertx = vertx;
        this.ceremony = ceremony;
        this.signer = signer;
        this.ocsp = ocsp;
        this.hierarchy = List.copyOf(hierarchy);
        this.store = store;
        this.clock = clock;
    }

    /** One pass at once (a responder already due at start is rotated before the first request), then periodic. */
    Future<Void> start() {
        timer = vertx.setPeriodic(EVERY.toMillis(), id -> pass());
        return pass();
    }

    void stop() {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
            timer = -1;
        }
    }

    /** Adopts or makes what is due for every issuing CA, then warns about what still nears its end. */
    Future<Void> pass() {
        if (running) {
            return Future.succeededFuture();
        }
        running = true;
        Future<Void> chain = Future.succeededFuture();
        for (CaCertificate ca : hierarchy) {
            if (ca.role().equals("issuing")) {
                chain = chain.compose(v -> renew(ca).recover(e -> {
                    LOG.error("the OCSP responder of '{}' could not be rotated; the next pass tries again", ca.id(), e);
                    return Future.succeededFuture();
                }));
            }
        }
        return chain.compose(v -> store.all()).map(all -> {
            warn(all);
            return (Void) null;
        }).onComplete(ar -> running = false);
    }

    private Future<Void> renew(CaCertificate issuingCa) {
        return store.all().compose(all -> {
            CaCertificate newest = OcspResponder.newestResponder(all, issuingCa.id());
            if (!newest.id().equals(ocsp.responderOf(issuingCa.id()))) {
                return adopt(issuingCa, newest);
            }
            return ceremony.rotateResponder(issuingCa.id(), false, RENEW_BEFORE).compose(made -> made.isEmpty()
                    ? Future.<Void>succeededFuture()
                    : adopt(issuingCa, made.get()));
        });
    }

    private Future<Void> adopt(CaCertificate issuingCa, CaCertificate responder) {
        LOG.info("OCSP responder '{}' of '{}' (until {}) takes over", responder.id(), issuingCa.id(), notAfter(responder));
        return signer.add(responder.keyAlias()).compose(v -> ocsp.useResponder(issuingCa, responder));
    }

    private void warn(List<CaCertificate> all) {
        warnings(hierarchy, all, clock.instant()).forEach(LOG::warn);
    }

    /**
     * What nears its end at {@code now} with nothing to replace it: each issuing CA's newest responder within
     * {@link #WARN_BEFORE}, the root and issuing CAs within {@link #CA_WARN_BEFORE}.
     */
    static List<String> warnings(List<CaCertificate> hierarchy, List<CaCertificate> all, Instant now) {
        List<String> warnings = new java.util.ArrayList<>();
        for (CaCertificate ca : hierarchy) {
            if (ca.role().equals("issuing")) {
                ending(OcspResponder.newestResponder(all, ca.id()), now, WARN_BEFORE, "run ./inkan rotate-responders")
                        .ifPresent(warnings::add);
            }
            if (!ca.role().equals("ocsp")) {
                ending(ca, now, CA_WARN_BEFORE, "plan a key ceremony for its successor").ifPresent(warnings::add);
            }
        }
        return warnings;
    }

    private static java.util.Optional<String> ending(CaCertificate c, Instant now, Duration ahead, String action) {
        Instant end = notAfter(c);
        if (now.plus(ahead).isBefore(end)) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of("CA certificate '" + c.id() + "' (" + c.subjectDn() + ") expires at " + end
                + ", in " + Math.max(0, Duration.between(now, end).toDays()) + " days; " + action);
    }

    static Instant notAfter(CaCertificate c) {
        try {
            return new X509CertificateHolder(c.der()).getNotAfter().toInstant();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code ./inkan rotate-responders}: a new responder for every issuing CA now, whatever their age. */
    static Future<List<CaCertificate>> forceAll(Ceremony ceremony, List<CaCertificate> hierarchy) {
        Future<List<CaCertificate>> chain = Future.succeededFuture(new java.util.ArrayList<>());
        for (CaCertificate ca : hierarchy) {
            if (ca.role().equals("issuing")) {
                chain = chain.compose(list -> ceremony.rotateResponder(ca.id(), true, RENEW_BEFORE).map(made -> {
                    made.ifPresent(list::add);
                    return list;
                }));
            }
        }
        return chain.map(List::copyOf);
    }

}
