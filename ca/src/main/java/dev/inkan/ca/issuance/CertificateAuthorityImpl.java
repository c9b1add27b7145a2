package dev.inkan.ca.issuance;

import dev.inkan.ca.CaUrls;
import dev.inkan.ca.KeyIdentifiers;
import dev.inkan.ca.SerialNumbers;
import dev.inkan.ca.Signer;
import dev.inkan.ca.profile.CertificateProfile;
import dev.inkan.ca.profile.MaximumValidity;
import dev.inkan.ca.profile.OrganizationSubject;
import dev.inkan.ca.profile.OrganizationSubjects;
import dev.inkan.ca.profile.SubscriberKeyCheck;
import dev.inkan.core.error.CaException;
import dev.inkan.core.error.ErrorKind;
import dev.inkan.core.model.CaCertificate;
import dev.inkan.core.model.CertificateRecord;
import dev.inkan.core.model.CertificateStatus;
import dev.inkan.core.port.CertificateAuthority;
import dev.inkan.core.port.CertificateStore;
import io.vertx.core.Future;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x509.TBSCertificate;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Issues subscriber certificates of the configured profiles (BR §7.1.2.7). The RA has checked domain control and
 * the CSR; this checks the key type, allocates a serial and records the to-be-signed certificate as RESERVED
 * before the HSM signs (so no signature can exist unrecorded), then marks it ISSUED, or FAILED when signing fails.
 * Precertificates, CT and linting come in front of the signature in the full pipeline.
 */
public final class CertificateAuthorityImpl implements CertificateAuthority {
    private static final Logger log = LoggerFactory.getLogger(CertificateAuthorityImpl.class);
    /** 127 random bits collide with negligible probability; a few retries cover a store that says otherwise. */
    private static final int SERIAL_ATTEMPTS = 5;

    private final Signer signer;
    private final CertificateStore store;
    private final OrganizationSubjects organizations;
    private final Clock clock;
    private final SerialNumbers serials = new SerialNumbers();
    private final Map<String, IssuingProfile> profiles = new LinkedHashMap<>();

    /**
     * @param caCertificates the ceremony's certificates; every profile's issuing CA must be among them
     */
    public CertificateAuthorityImpl(Signer signer, CertificateStore store, List<CertificateProfile> profiles,
            Collection<CaCertificate> caCertificates, CaUrls urls, OrganizationSubjects organizations, Clock clock) {
        this.signer = signer;
        this.store = store;
        this.organizations = organizations;
        this.clock = clock;
        for (CertificateProfile p : profiles) {
            this.profiles.put(p.name(), IssuingProfile.bind(p, caCertificates, urls, signer));
        }
    }

    @Override
    public Future<CertificateRecord> issue(IssuanceRequest request) {
        try {
            IssuingProfile profile = profile(request.profile());
            if (request.dnsNames().isEmpty()) {
                throw new CaException(ErrorKind.MALFORMED, "the order names no DNS identifier to certify");
            }
            SubjectPublicKeyInfo spki = SubscriberKeyCheck.check(request.subjectPublicKeyInfo());
            return organization(profile, request.accountId())
                    .compose(org -> reserve(new Issuance(request, profile, spki, org), 1))
                    .compose(this::sign);
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

    /** OV: the subject comes from the vetted organization record, never from the CSR (CP 002 §3.2.2). */
    private Future<Optional<OrganizationSubject>> organization(IssuingProfile profile, String accountId) {
        if (!profile.profile().organizationSubject()) {
            return Future.succeededFuture(Optional.empty());
        }
        return organizations.forAccount(accountId).compose(org -> org.isPresent()
                ? Future.succeededFuture(org)
                : Future.failedFuture(new CaException(ErrorKind.USER_ACTION_REQUIRED, "profile '"
                        + profile.profile().name() + "' needs an organization vetted for this account; "
                        + "complete organization vetting first")));
    }

    /** What one request turns into: the same names and key under a fresh serial for each attempt. */
    private record Issuance(IssuanceRequest request, IssuingProfile profile, SubjectPublicKeyInfo spki,
            Optional<OrganizationSubject> organization) {}

    /** A reserved serial with the TBS recorded for it. */
    private record Reservation(Issuance issuance, BigInteger serial, TBSCertificate tbs, byte[] tbsDer) {
        String serialHex() {
            return SerialNumbers.hex(serial);
        }
    }

    private Future<Reservation> reserve(Issuance issuance, int attempt) {
        Reservation r;
        CertificateRecord record;
        try {
            r = newReservation(issuance);
            record = reservedRecord(r);
        } catch (RuntimeException e) {
            return Future.failedFuture(e);
        }
        return store.reserve(record).compose(
                stored -> Future.succeededFuture(r),
                err -> err instanceof CaException ce && ce.kind() == ErrorKind.CONFLICT && attempt < SERIAL_ATTEMPTS
                        ? reserve(issuance, attempt + 1)
                        : Future.failedFuture(err));
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
        TBSCertificate tbs = p.template().tbs(serial, notBefore, notAfter, issuance.spki(),
                issuance.request().dnsNames(), issuance.organization());
        return new Reservation(issuance, serial, tbs, der(tbs));
    }

    private CertificateRecord reservedRecord(Reservation r) {
        IssuanceRequest q = r.issuance().request();
        return new CertificateRecord(r.serialHex(), r.issuance().profile().profile().issuerId(), q.accountId(),
                q.orderId(), CertificateStatus.RESERVED, r.tbsDer(), null, q.dnsNames(),
                KeyIdentifiers.spkiSha256(q.subjectPublicKeyInfo()),
                r.tbs().getStartDate().getDate().toInstant(), r.tbs().getEndDate().getDate().toInstant(),
                clock.instant(), null, null);
    }

    private Future<CertificateRecord> sign(Reservation r) {
        String issuerId = r.issuance().profile().profile().issuerId();
        return signer.signCertificate(issuerId, r.tbs())
                .compose(cert -> checked(r, cert))
                .recover(err -> {
                    log.error("signing serial {} with CA '{}' failed", r.serialHex(), issuerId, err);
                    return store.markFailed(r.serialHex()).transform(ignored -> Future.failedFuture(
                            new CaException(ErrorKind.SERVER_INTERNAL, "the certificate could not be signed")));
                })
                .compose(cert -> store.markIssued(r.serialHex(), encoded(cert)))
                .compose(issued -> issued.map(Future::succeededFuture).orElseGet(() -> Future.failedFuture(
                        new CaException(ErrorKind.SERVER_INTERNAL, "serial " + r.serialHex()
                                + " was no longer RESERVED when its certificate was signed"))));
    }

    /**
     * The signed certificate carries exactly the reserved TBS, and its signature verifies with the issuer's public
     * key in software: a faulty HSM signature (e.g. an RSA-CRT fault, which can leak the key) is never released.
     */
    private Future<X509CertificateHolder> checked(Reservation r, X509CertificateHolder cert) {
        try {
            if (!Arrays.equals(der(cert.toASN1Structure().getTBSCertificate()), r.tbsDer())) {
                return Future.failedFuture(new IllegalStateException("signed TBS differs from the reserved TBS"));
            }
            X509CertificateHolder issuer = r.issuance().profile().issuer();
            if (!cert.isSignatureValid(new JcaContentVerifierProviderBuilder().build(issuer))) {
                return Future.failedFuture(new IllegalStateException("the HSM signature does not verify"));
            }
            return Future.succeededFuture(cert);
        } catch (Exception e) {
            return Future.failedFuture(e);
        }
    }

    private static byte[] der(org.bouncycastle.asn1.ASN1Object o) {
        try {
            return o.getEncoded(ASN1Encoding.DER);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] encoded(X509CertificateHolder cert) {
        try {
            return cert.getEncoded();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
