package dev.inkan.ca.issuance;

import dev.inkan.ca.CaUrls;
import dev.inkan.ca.KeyIdentifiers;
import dev.inkan.ca.SerialNumbers;
import dev.inkan.ca.SignatureAlgorithm;
import dev.inkan.ca.Signer;
import dev.inkan.ca.keys.SubscriberKeys;
import dev.inkan.core.policy.SubscriberKeyRules;
import dev.inkan.ca.lint.PreSignLinter;
import dev.inkan.ca.profile.CertificateProfile;
import dev.inkan.ca.profile.CtExtensions;
import dev.inkan.ca.profile.MaximumValidity;
import dev.inkan.ca.profile.TbsCertificates;
import dev.inkan.core.error.CaException;
import dev.inkan.core.error.ErrorKind;
import dev.inkan.core.model.AuditEvent;
import dev.inkan.core.model.CaCertificate;
import dev.inkan.core.model.CertificateRecord;
import dev.inkan.core.model.CertificateStatus;
import dev.inkan.core.model.Precertificate;
import dev.inkan.core.model.PrecertificateStage;
import dev.inkan.core.port.CertificateAuthority;
import dev.inkan.core.vetting.OrganizationSubject;
import dev.inkan.core.port.SctSource;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x509.TBSCertificate;
import org.bouncycastle.cert.X509CertificateHolder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Issues subscriber certificates through the CT precertificate pipeline (DESIGN.md "The issuance pipeline",
 * Boulder's ISSUANCE-CYCLE, BR 4.3.1.2 and 7.1.2.9):
 *
 * <ol>
 *   <li>check the key (type, size, weak keys, blocklist); reserve a serial with the precertificate TBS (store
 *       before sign);</li>
 *   <li>lint the precertificate TBS, have the HSM sign it, store it;</li>
 *   <li>get verified SCTs from the CT logs;</li>
 *   <li>build the final TBS (the precertificate's, SCT list in place of the poison), lint it, check it corresponds
 *       to the precertificate, record it as the serial's one final certificate, have the HSM sign it, store it;</li>
 *   <li>submit the final certificate to the logs, best effort.</li>
 * </ol>
 *
 * Every failure after the reservation leaves the serial FAILED and the precertificate ABANDONED or INTERRUPTED,
 * with the reason, and fails with the CaException the RA records on the order.
 */
public final class CertificateAuthorityImpl implements CertificateAuthority {
    private static final Logger log = LoggerFactory.getLogger(CertificateAuthorityImpl.class);
    /** 127 random bits collide with negligible probability; a few retries cover a store that says otherwise. */
    private static final int SERIAL_ATTEMPTS = 5;
    private static final String SYSTEM = "system";

    private final Signer signer;
    private final IssuanceStores stores;
    private final SctSource ct;
    private final Clock clock;
    private final SubscriberKeys keys;
    private final PreSignLinter linter;
    /** The pre-sign lints of every issuance in this process: as many threads as cores, idle ones let go. */
    private static final ExecutorService LINTING = lintingThreads();
    private final IssuanceFaults faults;
    private final UnaryOperator<TBSCertificate> tbsEditor;
    private final SerialNumbers serials = new SerialNumbers();
    private final Map<String, IssuingProfile> profiles = new LinkedHashMap<>();

    /**
     * @param caCertificates the ceremony's certificates; every profile's issuing CA must be among them
     */
    public CertificateAuthorityImpl(Signer signer, IssuanceStores stores, SctSource ct,
            List<CertificateProfile> profiles, Collection<CaCertificate> caCertificates, CaUrls urls,
            Clock clock) {
        this(signer, stores, ct, profiles, caCertificates, urls, clock, IssuanceFaults.NONE);
    }

    /** @param faults told at each step; see {@link IssuanceFaults#haltAt} */
    public CertificateAuthorityImpl(Signer signer, IssuanceStores stores, SctSource ct,
            List<CertificateProfile> profiles, Collection<CaCertificate> caCertificates, CaUrls urls,
            Clock clock, IssuanceFaults faults) {
        this(signer, stores, ct, profiles, caCertificates, urls, clock, faults, UnaryOperator.identity());
    }

    /** @param tbsEditor changes each precertificate TBS after the profile built it: tests make faulty ones with it */
    CertificateAuthorityImpl(Signer signer, IssuanceStores stores, SctSource ct, List<CertificateProfile> profiles,
            Collection<CaCertificate> caCertificates, CaUrls urls, Clock clock,
            IssuanceFaults faults, UnaryOperator<TBSCertificate> tbsEditor) {
        this.signer = signer;
        this.stores = stores;
        this.ct = ct;
        this.clock = clock;
        this.keys = new SubscriberKeys(SubscriberKeyRules.standard(), stores.blockedKeys());
        this.linter = PreSignLinter.subscriber();
        this.faults = faults;
        this.tbsEditor = tbsEditor;
        for (CertificateProfile p : profiles) {
            this.profiles.put(p.name(), IssuingProfile.bind(p, caCertificates, urls, signer));
        }
    }

    private static ExecutorService lintingThreads() {
        int threads = Runtime.getRuntime().availableProcessors();
        AtomicInteger n = new AtomicInteger();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), r -> {
                    Thread t = new Thread(r, "inkan-lint-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    @Override
    public Future<CertificateRecord> issue(IssuanceRequest request) {
        try {
            IssuingProfile profile = profile(request.profile());
            if (request.dnsNames().isEmpty()) {
                throw new CaException(ErrorKind.MALFORMED, "the order names no DNS identifier to certify");
            }
            return keys.check(request.subjectPublicKeyInfo())
                    .map(spki -> new Issuance(request, profile, spki, organization(profile, request)))
                    .compose(issuance -> reserve(issuance, 1))
                    .compose(this::precertificate);
        } catch (RuntimeException e) {
            return Future.failedFuture(e);
        }
    }

    private IssuingProfile profile(String name) {
        IssuingProfile p = profiles.get(name);
        if (p == null) {
            throw new CaException(ErrorKind.INVALID_PROFILE,
                    "unknown certificate profile '" + name + "'; offered: " + String.join(", ", profiles.keySet()));
        }
        return p;
    }

    /**
     * OV: the subject comes from the vetted organization the RA checked at finalize (CP 002 §3.2.2), never from the
     * CSR; a request for an organization profile without one is refused before anything is reserved or signed.
     */
    private static Optional<OrganizationSubject> organization(IssuingProfile profile, IssuanceRequest request) {
        if (!profile.profile().organizationSubject()) {
            return Optional.empty();
        }
        if (request.organization() == null) {
            throw new CaException(ErrorKind.USER_ACTION_REQUIRED, "profile '" + profile.profile().name()
                    + "' needs an organization vetted for this account; complete organization vetting first");
        }
        return Optional.of(request.organization());
    }

    /** What one request turns into: the same names and key under a fresh serial for each attempt. */
    private record Issuance(IssuanceRequest request, IssuingProfile profile, SubjectPublicKeyInfo spki,
            Optional<OrganizationSubject> organization) {}

    /** A reserved serial with the precertificate TBS recorded for it. */
    private record Reservation(Issuance issuance, BigInteger serial, TBSCertificate precertTbs, byte[] precertTbsDer) {
        String serialHex() {
            return SerialNumbers.hex(serial);
        }

        String issuerId() {
            return issuance.profile().profile().issuerId();
        }

        X509CertificateHolder issuer() {
            return issuance.profile().issuer();
        }
    }

    // ---- 1. serial and precertificate TBS, stored before anything is signed ----

    private Future<Reservation> reserve(Issuance issuance, int attempt) {
        return reserveSerial(issuance, attempt).compose(this::recordPrecertificateTbs);
    }

    private Future<Reservation> reserveSerial(Issuance issuance, int attempt) {
        Reservation r;
        CertificateRecord record;
        try {
            r = newReservation(issuance);
            record = reservedRecord(r);
        } catch (RuntimeException e) {
            return Future.failedFuture(e);
        }
        return stores.certificates().reserve(record).compose(
                stored -> Future.succeededFuture(r),
                err -> err instanceof CaException ce && ce.kind() == ErrorKind.CONFLICT && attempt < SERIAL_ATTEMPTS
                        ? reserveSerial(issuance, attempt + 1)
                        : Future.failedFuture(err));
    }

    /** The first write of the precertificate store, and the last before the HSM may sign. */
    private Future<Reservation> recordPrecertificateTbs(Reservation r) {
        return stores.precertificates().insert(new Precertificate(r.serialHex(), r.issuerId(),
                        r.issuance().request().orderId(), PrecertificateStage.TBS_RECORDED, r.precertTbsDer(), null,
                        List.of(), null, null, clock.instant(), null))
                .map(r)
                .onSuccess(x -> faults.reached(IssuanceStep.SERIAL_RESERVED));
    }

    private Reservation newReservation(Issuance issuance) {
        IssuingProfile p = issuance.profile();
        // No backdating: notBefore is the issuance second (BR §7.1.2.7: within 48 h of signing)
        Instant notBefore = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Instant notAfter = MaximumValidity.notAfter(notBefore, p.profile().validity());
        if (notAfter.isAfter(p.issuerNotAfter())) {
            throw new CaException(ErrorKind.SERVER_INTERNAL, "issuing CA '" + p.profile().issuerId()
                    + "' expires at " + p.issuerNotAfter() + ", before this certificate would; it needs renewal");
        }
        BigInteger serial = serials.next();
        TBSCertificate tbs = tbsEditor.apply(p.template().precertificate(serial, notBefore, notAfter, issuance.spki(),
                issuance.request().dnsNames(), issuance.organization()));
        return new Reservation(issuance, serial, tbs, TbsCertificates.der(tbs));
    }

    private CertificateRecord reservedRecord(Reservation r) {
        IssuanceRequest q = r.issuance().request();
        return new CertificateRecord(r.serialHex(), r.issuerId(), q.accountId(), q.orderId(),
                CertificateStatus.RESERVED, r.precertTbsDer(), null, q.dnsNames(),
                KeyIdentifiers.spkiSha256(q.subjectPublicKeyInfo()),
                r.precertTbs().getStartDate().getDate().toInstant(), r.precertTbs().getEndDate().getDate().toInstant(),
                clock.instant(), null, null);
    }

    // ---- 2. precertificate: lint, sign, store ----

    private Future<CertificateRecord> precertificate(Reservation r) {
        return lint(r, r.precertTbs(), "precertificate")
                .compose(v -> gate(r))
                .compose(v -> signer.signCertificate(r.issuerId(), r.precertTbs()))
                .compose(cert -> verified(r, cert, r.precertTbsDer()))
                .recover(err -> abandon(r, "the precertificate was not signed", err))
                .onSuccess(x -> faults.reached(IssuanceStep.PRECERTIFICATE_SIGNED))
                .map(CertificateAuthorityImpl::encoded)
                // BR 7.1.2.9: the signed precertificate makes the serial issued for status and revocation; the
                // certificate store says so before the precertificate leaves this process (to the CT logs)
                .compose(precert -> stores.certificates().markPrecertified(r.serialHex(), precert)
                        .compose(marked -> marked.isPresent() ? Future.succeededFuture(precert)
                                : abandon(r, "the serial changed while its precertificate was signed",
                                        new IllegalStateException("serial " + r.serialHex() + " not RESERVED"))))
                .compose(precert -> stores.precertificates()
                        .markSigned(r.serialHex(), precert, clock.instant())
                        .compose(stored -> stored.isPresent()
                                ? audit("precertificate.signed", r, Map.of()).map(precert)
                                : abandon(r, "the precertificate record changed while it was signed",
                                        new IllegalStateException("serial " + r.serialHex() + " not TBS_RECORDED"))))
                .onSuccess(x -> faults.reached(IssuanceStep.PRECERTIFICATE_RECORDED))
                .compose(precert -> scts(r, precert));
    }

    // ---- 3. CT ----

    private Future<CertificateRecord> scts(Reservation r, byte[] precertDer) {
        return ct.scts(precertDer, r.issuance().profile().issuerDer())
                .recover(err -> abandon(r, "the precertificate could not be logged", err))
                .onSuccess(x -> faults.reached(IssuanceStep.SCTS_RECEIVED))
                .compose(scts -> finalCertificate(r, scts));
    }

    // ---- 4. final certificate: build, lint, correspond, record the intent, sign, store ----

    private Future<CertificateRecord> finalCertificate(Reservation r, List<byte[]> scts) {
        TBSCertificate finalTbs;
        try {
            finalTbs = TbsCertificates.replacing(r.precertTbs(), CtExtensions.POISON, CtExtensions.sctList(scts));
            PrecertificateCorrespondence.check(r.precertTbs(), finalTbs);
        } catch (RuntimeException e) {
            return abandon(r, "the final certificate could not be built", e);
        }
        byte[] finalTbsDer = TbsCertificates.der(finalTbs);
        return lint(r, finalTbs, "final certificate")
                .recover(err -> abandon(r, "the final certificate failed linting", err))
                .compose(v -> gate(r).recover(err -> abandon(r, "issuance stopped before the final signature", err)))
                .compose(v -> stores.precertificates()
                        .recordFinalIntent(r.serialHex(), scts, finalTbsDer, clock.instant()))
                .compose(intent -> intent.isPresent()
                        // Only the caller that moved SIGNED to FINAL_INTENDED signs: one final certificate per serial
                        ? Future.succeededFuture()
                        : Future.<Void>failedFuture(new CaException(ErrorKind.SERVER_INTERNAL,
                                "serial " + r.serialHex() + " is not awaiting its final certificate")))
                .onSuccess(x -> faults.reached(IssuanceStep.FINAL_INTENDED))
                .compose(v -> signer.signCertificate(r.issuerId(), finalTbs)
                        .compose(cert -> verified(r, cert, finalTbsDer))
                        .recover(err -> interrupted(r, "the final certificate was not signed", err)))
                .onSuccess(x -> faults.reached(IssuanceStep.FINAL_SIGNED))
                .compose(cert -> issued(r, cert));
    }

    private Future<CertificateRecord> issued(Reservation r, X509CertificateHolder cert) {
        byte[] der = encoded(cert);
        return stores.certificates().markIssued(r.serialHex(), der)
                .compose(issued -> issued.map(Future::succeededFuture).orElseGet(() -> Future.failedFuture(
                        new CaException(ErrorKind.SERVER_INTERNAL, "serial " + r.serialHex()
                                + " was no longer PRECERTIFIED when its certificate was signed"))))
                .compose(record -> stores.precertificates().markFinalIssued(r.serialHex(), clock.instant())
                        .compose(x -> required(event(r, "certificate.signed", Map.of())))
                        .map(record))
                .onSuccess(record -> {
                    faults.reached(IssuanceStep.ISSUED);
                    // RFC 6962 §4.1, best effort: the certificate is valid with its embedded SCTs either way
                    ct.submitFinal(der, r.issuance().profile().issuerDer());
                });
    }

    // ---- checks shared by both signatures ----

    /**
     * BR 3.2.2.8: what the RA relied on (CAA) must still hold when the HSM signs, not only at finalize; a CT round
     * that took long enough to cross the window makes the RA check again here.
     */
    private Future<Void> gate(Reservation r) {
        try {
            return r.issuance().request().gate().beforeSigning();
        } catch (RuntimeException e) {
            return Future.failedFuture(e);
        }
    }

    /** BR 4.3.1.2: lint before the HSM signs; a refusal is audited with every failed lint. */
    private Future<Void> lint(Reservation r, TBSCertificate tbs, String what) {
        return lintErrors(tbs).compose(errors -> {
            if (errors.isEmpty()) {
                return Future.succeededFuture();
            }
            log.error("{} for serial {} failed linting: {}", what, r.serialHex(), errors);
            return required(event(r, "lint.failed", Map.of("certificate", what, "errors", String.join("; ", errors))))
                    .compose(v -> Future.<Void>failedFuture(PreSignLinter.refusal(errors)));
        });
    }

    /**
     * The lints run on the linting threads: signing with the throwaway key and parsing the result twice is CPU work
     * that the event loop answering requests must not spend. The result comes back on the caller's context.
     */
    private Future<List<String>> lintErrors(TBSCertificate tbs) {
        Context context = Vertx.currentContext();
        CompletableFuture<List<String>> errors;
        try {
            errors = CompletableFuture.supplyAsync(() -> linter.errors(tbs), LINTING);
        } catch (RejectedExecutionException e) {
            return Future.failedFuture(e);
        }
        return context == null ? Future.fromCompletionStage(errors) : Future.fromCompletionStage(errors, context);
    }

    /**
     * The signed certificate carries exactly the TBS recorded for it, and its signature verifies with the issuer's
     * public key in software: a faulty HSM signature (e.g. an RSA-CRT fault, which can leak the key) is never
     * released. The issuer's key is parsed once per profile, and the signature checked once (Bouncy Castle's
     * JcaContentVerifierProviderBuilder also ran a second, raw verification whose result it ignored).
     */
    private Future<X509CertificateHolder> verified(Reservation r, X509CertificateHolder cert, byte[] tbsDer) {
        try {
            if (!Arrays.equals(TbsCertificates.der(cert.toASN1Structure().getTBSCertificate()), tbsDer)) {
                return Future.failedFuture(new IllegalStateException("signed TBS differs from the recorded TBS"));
            }
            if (!signedBy(cert, tbsDer, r.issuance().profile().issuerKey())) {
                return Future.failedFuture(new IllegalStateException("the HSM signature does not verify"));
            }
            return Future.succeededFuture(cert);
        } catch (Exception e) {
            return Future.failedFuture(e);
        }
    }

    /** The certificate's signature over its TBS (the recorded bytes), by one of the algorithms CA keys sign with. */
    private static boolean signedBy(X509CertificateHolder cert, byte[] tbsDer, PublicKey issuerKey)
            throws GeneralSecurityException {
        Optional<SignatureAlgorithm> alg = Arrays.stream(SignatureAlgorithm.values())
                .filter(a -> a.identifier().equals(cert.getSignatureAlgorithm()))
                .findFirst();
        if (alg.isEmpty()) {
            return false;
        }
        Signature s = Signature.getInstance(alg.get().jcaName());
        s.initVerify(issuerKey);
        s.update(tbsDer);
        return s.verify(cert.getSignature());
    }

    // ---- failure paths: the serial never gets a final certificate ----

    /**
     * Before the final intent: the serial is FAILED if nothing was signed for it; a serial whose precertificate was
     * signed stays PRECERTIFIED (markFailed only moves RESERVED), so status and revocation go on being served.
     */
    private <T> Future<T> abandon(Reservation r, String what, Throwable err) {
        String reason = what + ": " + reason(err);
        log.warn("serial {}: {}", r.serialHex(), reason, err instanceof CaException ? null : err);
        return stores.precertificates().abandon(r.serialHex(), reason, clock.instant())
                .transform(x -> failed(r, "issuance.abandoned", reason, what, err));
    }

    /** After the final intent: the final certificate is never signed again. */
    private <T> Future<T> interrupted(Reservation r, String what, Throwable err) {
        String reason = what + ": " + reason(err);
        log.error("serial {}: {}", r.serialHex(), reason, err);
        return stores.precertificates().markInterrupted(r.serialHex(), clock.instant())
                .transform(x -> failed(r, "issuance.interrupted", reason, what, err));
    }

    private <T> Future<T> failed(Reservation r, String event, String reason, String what, Throwable err) {
        return stores.certificates().markFailed(r.serialHex())
                .transform(x -> audit(event, r, Map.of("reason", reason)))
                .transform(x -> Future.failedFuture(err instanceof CaException ce ? ce
                        : new CaException(ErrorKind.SERVER_INTERNAL, what)));
    }

    private static String reason(Throwable err) {
        return err instanceof CaException ce ? ce.detail() : String.valueOf(err.getMessage());
    }

    /** An event whose loss is only logged: the state it reports is in the certificate and precertificate stores. */
    private Future<Void> audit(String type, Reservation r, Map<String, String> details) {
        return event(r, type, details).recover(e -> {
            log.error("audit event {} for serial {} not recorded", type, r.serialHex(), e);
            return Future.succeededFuture();
        });
    }

    private Future<Void> event(Reservation r, String type, Map<String, String> details) {
        Map<String, String> all = new LinkedHashMap<>(details);
        all.put("orderId", String.valueOf(r.issuance().request().orderId()));
        all.put("issuerId", r.issuerId());
        try {
            return stores.audit().record(new AuditEvent(type, SYSTEM, r.serialHex(), all, clock.instant()));
        } catch (RuntimeException e) {
            return Future.failedFuture(e);
        }
    }

    /**
     * BR 5.4.1: certificate issuance and the pre-issuance lint results must be logged; an event that cannot be
     * written stops the pipeline (the order becomes invalid) rather than becoming a log line.
     */
    private Future<Void> required(Future<Void> event) {
        return event.recover(e -> {
            log.error("a required audit event was not recorded; issuance stops", e);
            return Future.failedFuture(new CaException(ErrorKind.SERVER_INTERNAL,
                    "the audit log could not record this issuance; please finalize a new order"));
        });
    }

    private static byte[] encoded(X509CertificateHolder cert) {
        try {
            return cert.getEncoded();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
