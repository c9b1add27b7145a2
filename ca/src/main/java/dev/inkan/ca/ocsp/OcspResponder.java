package dev.inkan.ca.ocsp;

import dev.inkan.ca.CaIds;
import dev.inkan.ca.Signer;
import dev.inkan.ca.ocsp.OcspAnswerMaker.SignedAnswer;
import dev.inkan.ca.ocsp.OcspAnswers.Key;
import dev.inkan.core.model.CaCertificate;
import dev.inkan.core.model.CertificateRecord;
import dev.inkan.core.model.RevokedEntry;
import dev.inkan.core.port.CertificateReader;
import dev.inkan.core.port.Metrics;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.ocsp.CertID;
import org.bouncycastle.asn1.ocsp.OCSPRequest;
import org.bouncycastle.asn1.ocsp.OCSPResponseStatus;
import org.bouncycastle.asn1.ocsp.Request;
import org.bouncycastle.asn1.oiw.OIWObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The OCSP responder of the issuing CAs (RFC 6960 with the RFC 5019 profile; CP 002 §4.9.9, §4.10): answers
 * {@code good} or {@code revoked} (time and reason) for serials our issuers issued, and the unsigned
 * {@code unauthorized} (RFC 6960 §2.3) for serials never issued and for any other issuer. A serial never issued is
 * never signed for and never cached, so a flood of random serials costs no HSM operation and evicts no real answer. Answers are signed ahead of need by the delegated responder (at
 * issuance, and again after {@link OcspSchedule#refreshAfter()}), held in memory and served from there, so a burst
 * of requests costs no HSM operation; a revocation drops the old answer and signs the new one at once. Requests
 * that need a signature at the same moment share it.
 */
public final class OcspResponder {
    private static final Logger LOG = LoggerFactory.getLogger(OcspResponder.class);
    private static final OcspReply MALFORMED =
            new OcspReply(OcspAnswerMaker.unsigned(OCSPResponseStatus.MALFORMED_REQUEST), null, null);
    private static final OcspReply UNAUTHORIZED =
            new OcspReply(OcspAnswerMaker.unsigned(OCSPResponseStatus.UNAUTHORIZED), null, null);
    private static final OcspReply INTERNAL_ERROR =
            new OcspReply(OcspAnswerMaker.unsigned(OCSPResponseStatus.INTERNAL_ERROR), null, null);
    /** Why no answer was signed: the serial is not one of the issuer's certificates. Stackless, it is thrown a lot. */
    private static final Exception NEVER_ISSUED = new Exception("never issued", null, false, false) {};
    /** The CertID hash algorithm RFC 5019 clients send, with the NULL parameters openssl writes. */
    private static final AlgorithmIdentifier SHA1 = new AlgorithmIdentifier(OIWObjectIdentifiers.idSHA1, DERNull.INSTANCE);

    private final Vertx vertx;
    private final CertificateReader certificates;
    private final OcspSchedule schedule;
    private final Clock clock;
    private final OcspAnswerMaker maker;
    private final Map<String, OcspIssuer> issuers = new ConcurrentHashMap<>();
    private final OcspAnswers answers;
    private final OcspRequests requests;
    private final Map<Key, InFlight> signing = new ConcurrentHashMap<>();
    /** Bumped by every revocation: a {@code good} answer signed across one is not kept. */
    private final AtomicLong revocations = new AtomicLong();
    private final AtomicBoolean refreshing = new AtomicBoolean();
    private long timer = -1;
    private volatile Metrics metrics = Metrics.NONE;

    /**
     * @param caCertificates the ceremony's certificates: every issuing CA and its responders ({@code ocsp-<caId>} and
     *                       later generations); each CA answers with its newest responder
     */
    public OcspResponder(Vertx vertx, Signer signer, Collection<CaCertificate> caCertificates,
            CertificateReader certificates, OcspSchedule schedule, Clock clock) {
        this.vertx = vertx;
        this.certificates = certificates;
        this.schedule = schedule;
        this.clock = clock;
        this.maker = new OcspAnswerMaker(vertx, signer, schedule.validity());
        this.answers = new OcspAnswers(schedule.maxCached());
        this.requests = new OcspRequests(schedule.maxCached());
        for (CaCertificate ca : caCertificates) {
            if (!ca.role().equals("issuing")) {
                continue;
            }
            issuers.put(ca.id(), OcspIssuer.of(ca, newestResponder(caCertificates, ca.id())));
        }
    }

    /** The responder certificate of an issuing CA that began last: after a rotation, the new one. */
    public static CaCertificate newestResponder(Collection<CaCertificate> caCertificates, String issuingCaId) {
        return caCertificates.stream()
                .filter(c -> CaIds.generationOf(c.id(), issuingCaId) > 0 && issuingCaId.equals(c.issuerId()))
                .max(Comparator.comparingInt((CaCertificate c) -> CaIds.generationOf(c.id(), issuingCaId)))
                .orElseThrow(() -> new IllegalArgumentException("issuing CA '" + issuingCaId
                        + "' has no OCSP responder certificate '" + CaIds.ocspResponderOf(issuingCaId) + "'"));
    }

    /**
     * Answers for this issuing CA with a new responder from now on (after a rotation; the signer must hold its key),
     * and signs every answer held for the CA again with it, one at a time, serving the old answers meanwhile: they
     * stay valid, since the old responder certificate outlives them. Completes when every answer is signed again.
     */
    public Future<Void> useResponder(CaCertificate issuingCa, CaCertificate responder) {
        OcspIssuer next;
        try {
            next = OcspIssuer.of(issuingCa, responder);
        } catch (RuntimeException e) {
            return Future.failedFuture(e);
        }
        issuers.put(issuingCa.id(), next);
        LOG.info("OCSP answers for '{}' are now signed by responder '{}' (valid until {})", issuingCa.id(),
                responder.id(), next.responder().getNotAfter().toInstant());
        Future<Void> chain = Future.succeededFuture();
        for (Map.Entry<Key, SignedAnswer> e : answers.snapshot()) {
            if (!e.getKey().caId().equals(issuingCa.id())) {
                continue;
            }
            CertID id = certIdFor(next, e.getKey());
            if (id != null) {
                chain = chain.compose(v -> sign(next, e.getKey(), id).<Void>mapEmpty()
                        .recover(err -> Future.succeededFuture()));
            }
        }
        return chain;
    }

    /** The id of the responder that signs this CA's answers now. */
    public String responderOf(String issuingCaId) {
        OcspIssuer issuer = issuers.get(issuingCaId);
        return issuer == null ? null : issuer.responderId();
    }

    /** Starts looking every {@link OcspSchedule#refreshEvery()} for answers old enough to sign again. */
    /** Counts each answer by outcome and whether it came pre-signed from the cache. */
    public OcspResponder meter(Metrics metrics) {
        this.metrics = metrics;
        return this;
    }

    public void start() {
        timer = vertx.setPeriodic(schedule.refreshEvery().toMillis(), id -> refresh()
                .onFailure(e -> LOG.error("OCSP refresh pass failed", e)));
    }

    public void stop() {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
            timer = -1;
        }
    }

    /**
     * The answer to one DER OCSPRequest sent to {@code <base>/ocsp/<caId>}. Never fails: problems become the unsigned
     * error statuses of RFC 6960 §2.3.
     */
    public Future<OcspReply> respond(String caId, byte[] requestDer) {
        OcspIssuer issuer = issuers.get(caId);
        OcspRequests.Parsed known = issuer == null ? null : requests.get(caId, requestDer);
        CertID certId;
        Key key;
        if (known != null) {
            certId = known.certId();
            key = known.key();
        } else {
            try {
                certId = singleCertId(requestDer);
            } catch (RuntimeException | IOException e) {
                metrics.ocspAnswer(caId, "malformedRequest", false);
                return Future.succeededFuture(MALFORMED);
            }
            if (issuer == null || !issuer.names(certId)) {
                // RFC 5019 §2.2.3: a responder answers unauthorized for issuers it is not authoritative for
                metrics.ocspAnswer(caId, "unauthorized", false);
                return Future.succeededFuture(UNAUTHORIZED);
            }
            key = key(caId, certId);
        }
        // held only once it leads to a signed answer: a flood of serials never issued evicts nothing
        OcspRequests.Parsed understood = known != null ? null : new OcspRequests.Parsed(key, certId);
        Instant now = clock.instant();
        SignedAnswer cached = answers.get(key);
        if (cached != null && now.isBefore(cached.nextUpdate())) {
            if (!now.isBefore(cached.thisUpdate().plus(schedule.refreshAfter()))) {
                sign(issuer, key, certId);
            }
            if (understood != null) {
                requests.put(caId, requestDer, understood);
            }
            metrics.ocspAnswer(caId, "signed", true);
            return Future.succeededFuture(cached.reply());
        }
        return sign(issuer, key, certId).map(signed -> {
            if (understood != null) {
                requests.put(caId, requestDer, understood);
            }
            metrics.ocspAnswer(caId, "signed", false);
            return signed.reply();
        }).recover(e -> {
            if (e == NEVER_ISSUED) {
                metrics.ocspAnswer(caId, "unauthorized", false);
                return Future.succeededFuture(UNAUTHORIZED);
            }
            LOG.error("OCSP answer for {} serial {} could not be signed", caId, key.serial(), e);
            metrics.ocspAnswer(caId, "internalError", false);
            return Future.succeededFuture(INTERNAL_ERROR);
        });
    }

    /** Signs the {@code good} answer of a new certificate ahead of the first request. */
    public Future<Void> certificateIssued(CertificateRecord certificate) {
        OcspIssuer issuer = issuers.get(certificate.issuerId());
        if (issuer == null) {
            return Future.succeededFuture();
        }
        CertID id = certId(issuer, certificate.serial());
        return sign(issuer, key(issuer.caId(), id), id).mapEmpty();
    }

    /** Drops every answer about the certificate and signs its {@code revoked} answer at once. */
    public Future<Void> certificateRevoked(CertificateRecord certificate) {
        OcspIssuer issuer = issuers.get(certificate.issuerId());
        if (issuer == null) {
            return Future.succeededFuture();
        }
        return resign(issuer, certificate.serial());
    }

    /**
     * Brings the answers in line with a CRL just published (revocations another process made reach this process
     * that way): every cached {@code good} answer for a serial the CRL lists is signed again.
     */
    public Future<Void> reconcile(String caId, List<RevokedEntry> revoked) {
        OcspIssuer issuer = issuers.get(caId);
        if (issuer == null || revoked.isEmpty()) {
            return Future.succeededFuture();
        }
        Set<String> serials = new HashSet<>(revoked.size() * 2);
        revoked.forEach(e -> serials.add(e.serial()));
        Set<String> stale = new HashSet<>();
        for (Map.Entry<Key, SignedAnswer> e : answers.snapshot()) {
            if (e.getKey().caId().equals(caId) && e.getValue().kind() == CertStatusAnswer.Kind.GOOD
                    && serials.contains(e.getKey().serial())) {
                stale.add(e.getKey().serial());
            }
        }
        List<Future<Void>> done = stale.stream().map(serial -> resign(issuer, serial)).toList();
        return Future.join(done).mapEmpty();
    }

    /** How many requests are held understood (parsed, naming an answer); for tests. */
    int understoodRequests() {
        return requests.size();
    }

    /** How many answers are held; for tests and metrics. */
    public int cachedAnswers() {
        return answers.size();
    }

    private Future<Void> resign(OcspIssuer issuer, String serial) {
        revocations.incrementAndGet();
        List<Key> keys = new ArrayList<>(answers.remove(issuer.caId(), serial));
        signing.keySet().removeIf(k -> k.caId().equals(issuer.caId()) && k.serial().equals(serial));
        CertID canonical = certId(issuer, serial);
        Key canonicalKey = key(issuer.caId(), canonical);
        if (!keys.contains(canonicalKey)) {
            keys.add(canonicalKey);
        }
        List<Future<SignedAnswer>> signed = new ArrayList<>();
        for (Key k : keys) {
            CertID id = k.equals(canonicalKey) ? canonical : certIdFor(issuer, k);
            if (id != null) {
                signed.add(sign(issuer, k, id));
            }
        }
        return Future.all(signed).mapEmpty();
    }

    private Future<SignedAnswer> sign(OcspIssuer issuer, Key key, CertID certId) {
        Promise<SignedAnswer> promise = Promise.promise();
        InFlight mine = new InFlight(issuer.responderId(), promise.future());
        InFlight running = signing.putIfAbsent(key, mine);
        if (running != null) {
            // a signature by a responder rotated out since is not this one: sign again once it is done
            return running.responderId().equals(issuer.responderId()) ? running.answer()
                    : running.answer().transform(ar -> sign(issuer, key, certId));
        }
        long revocationsBefore = revocations.get();
        certificates.bySerial(key.serial())
                .map(found -> CertStatusAnswer.of(found, issuer.caId()))
                // BR 4.9.10: nothing signed says anything about a serial never issued
                .compose(status -> status.kind() == CertStatusAnswer.Kind.UNKNOWN ? Future.failedFuture(NEVER_ISSUED)
                        : maker.make(issuer, certId, status, clock.instant()))
                .onComplete(ar -> {
                    // cached before it stops being in flight, so no request in between signs it again
                    if (ar.succeeded() && (ar.result().kind() != CertStatusAnswer.Kind.GOOD
                            || revocations.get() == revocationsBefore)) {
                        answers.put(key, ar.result());
                    }
                    signing.remove(key, mine);
                    promise.handle(ar);
                });
        return promise.future();
    }

    /**
     * Signs again, one at a time, every answer past its refresh age (BR §4.9.10: well before its nextUpdate), so
     * that popular answers never wait for a request to be renewed. Completes when the pass is done.
     */
    Future<Void> refresh() {
        if (!refreshing.compareAndSet(false, true)) {
            return Future.succeededFuture();
        }
        Instant now = clock.instant();
        Future<Void> chain = Future.succeededFuture();
        for (Map.Entry<Key, SignedAnswer> e : answers.snapshot()) {
            if (now.isBefore(e.getValue().thisUpdate().plus(schedule.refreshAfter()))) {
                continue;
            }
            OcspIssuer issuer = issuers.get(e.getKey().caId());
            CertID id = issuer == null ? null : certIdFor(issuer, e.getKey());
            if (id != null) {
                chain = chain.compose(v -> sign(issuer, e.getKey(), id).<Void>mapEmpty()
                        .recover(err -> Future.succeededFuture()));
            }
        }
        return chain.onComplete(ar -> refreshing.set(false));
    }

    /** A signature under way, and which responder makes it. */
    private record InFlight(String responderId, Future<SignedAnswer> answer) {}

    private static CertID singleCertId(byte[] der) throws IOException {
        OCSPRequest request = OCSPRequest.getInstance(ASN1Primitive.fromByteArray(der));
        ASN1Sequence list = request.getTbsRequest().getRequestList();
        // RFC 5019 §2.1.1: one Request per OCSPRequest
        if (list.size() != 1) {
            throw new IllegalArgumentException("expected exactly one request, got " + list.size());
        }
        return Request.getInstance(list.getObjectAt(0)).getReqCert();
    }

    private static Key key(String caId, CertID id) {
        try {
            return new Key(caId, id.getSerialNumber().getValue().toString(16),
                    HexFormat.of().formatHex(id.getHashAlgorithm().getEncoded(ASN1Encoding.DER)));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The SHA-1 CertID of a serial of this issuer, as openssl and browsers ask for it. */
    private static CertID certId(OcspIssuer issuer, String serial) {
        byte[][] h = issuer.hashes().get(OIWObjectIdentifiers.idSHA1);
        return new CertID(SHA1, new DEROctetString(h[0]), new DEROctetString(h[1]),
                new ASN1Integer(new BigInteger(serial, 16)));
    }

    /** The CertID an answer under this key repeats, rebuilt from the key's hash algorithm. */
    private static CertID certIdFor(OcspIssuer issuer, Key key) {
        try {
            AlgorithmIdentifier alg = AlgorithmIdentifier.getInstance(HexFormat.of().parseHex(key.algorithm()));
            byte[][] h = issuer.hashes().get(alg.getAlgorithm());
            return h == null ? null : new CertID(alg, new DEROctetString(h[0]), new DEROctetString(h[1]),
                    new ASN1Integer(new BigInteger(key.serial(), 16)));
        } catch (RuntimeException e) {
            return null;
        }
    }
}
