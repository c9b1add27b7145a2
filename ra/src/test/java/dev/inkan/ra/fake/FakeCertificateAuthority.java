package dev.inkan.ra.fake;

import dev.inkan.core.model.CertificateRecord;
import dev.inkan.core.model.CertificateStatus;
import dev.inkan.core.port.CertificateAuthority;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Issues with a throwaway P-256 key and stores the certificate ISSUED, as the real CA does; or fails, or
 * holds every request until released.
 */
public final class FakeCertificateAuthority implements CertificateAuthority {
    /** The fake issuer's subjectKeyIdentifier, which its certificates carry as their AKI. */
    public static final byte[] KEY_ID = {0x69, (byte) 0x88, 0x5b, 0x6b, (byte) 0x87, 0x46, 0x40, 0x41, (byte) 0xe1,
        (byte) 0xb3, 0x7b, (byte) 0x84, 0x7b, (byte) 0xa0, (byte) 0xae, 0x2c, (byte) 0xde, 0x01, (byte) 0xc8, (byte) 0xd4};
    private final InMemoryCertificateStore store;
    private final Clock clock;
    private final KeyPair key;
    private final List<IssuanceRequest> requests = new ArrayList<>();
    private final List<Promise<CertificateRecord>> held = new ArrayList<>();
    private final List<IssuanceRequest> heldRequests = new ArrayList<>();
    private RuntimeException failure;
    private RuntimeException precertificateThenFailure;
    private boolean hold;

    public FakeCertificateAuthority(InMemoryCertificateStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"));
            this.key = g.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Every later issue() signs and records a precertificate (PRECERTIFIED), then fails with this, as the real CA
     * does when the CT logs refuse it.
     */
    public synchronized void stopAfterPrecertificate(RuntimeException e) {
        precertificateThenFailure = e;
    }

    /** Every later issue() fails with this (returned as a failed future). */
    public synchronized void failWith(RuntimeException e) {
        failure = e;
    }

    public synchronized void hold() {
        hold = true;
    }

    /** Signs what was held, each after asking its request's gate, as the real CA does right before the HSM. */
    public synchronized void release() {
        hold = false;
        for (int i = 0; i < held.size(); i++) {
            Promise<CertificateRecord> p = held.get(i);
            IssuanceRequest request = heldRequests.get(i);
            request.gate().beforeSigning().map(v -> sign(request)).onComplete(p);
        }
        held.clear();
        heldRequests.clear();
    }

    public synchronized List<IssuanceRequest> requests() {
        return List.copyOf(requests);
    }

    @Override
    public synchronized Future<CertificateRecord> issue(IssuanceRequest request) {
        requests.add(request);
        if (failure != null) {
            return Future.failedFuture(failure);
        }
        if (precertificateThenFailure != null) {
            sign(request, true);
            return Future.failedFuture(precertificateThenFailure);
        }
        if (hold) {
            Promise<CertificateRecord> p = Promise.promise();
            held.add(p);
            heldRequests.add(request);
            return p.future();
        }
        return request.gate().beforeSigning().map(v -> sign(request));
    }

    /** Signs a certificate for the request and stores it ISSUED. */
    public synchronized CertificateRecord sign(IssuanceRequest request) {
        return sign(request, false);
    }

    private CertificateRecord sign(IssuanceRequest request, boolean precertificate) {
        try {
            Instant now = clock.instant();
            BigInteger serial = new BigInteger(127, new SecureRandom()).setBit(126);
            X509v3CertificateBuilder b = new X509v3CertificateBuilder(new X500Name("CN=Fake DV CA"), serial,
                    Date.from(now), Date.from(now.plus(Duration.ofDays(90))), new X500Name("CN=" + request.dnsNames().get(0)),
                    SubjectPublicKeyInfo.getInstance(request.subjectPublicKeyInfo()));
            // as a real issuing CA's: ARI CertIDs start with this keyIdentifier (RFC 9773 §4.1)
            b.addExtension(Extension.authorityKeyIdentifier, false,
                    new org.bouncycastle.asn1.x509.AuthorityKeyIdentifier(KEY_ID));
            b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(request.dnsNames().stream()
                    .map(n -> new GeneralName(GeneralName.dNSName, n)).toArray(GeneralName[]::new)));
            if (precertificate) {
                // RFC 6962 §3.1: the CT poison, critical, NULL
                b.addExtension(new org.bouncycastle.asn1.ASN1ObjectIdentifier("1.3.6.1.4.1.11129.2.4.3"), true,
                        org.bouncycastle.asn1.DERNull.INSTANCE);
            }
            byte[] der = b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(key.getPrivate())).getEncoded();
            CertificateRecord record = new CertificateRecord(serial.toString(16), "dv", request.accountId(),
                    request.orderId(), precertificate ? CertificateStatus.PRECERTIFIED : CertificateStatus.ISSUED,
                    null, precertificate ? null : der, request.dnsNames(),
                    java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                            .digest(request.subjectPublicKeyInfo())), now,
                    now.plus(Duration.ofDays(90)), now, null, null, precertificate ? der : null);
            store.reserve(record);
            return record;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
