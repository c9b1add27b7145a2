package dev.inkan.ca.ocsp;

import dev.inkan.ca.Signer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.bouncycastle.asn1.ASN1GeneralizedTime;
import org.bouncycastle.asn1.DERGeneralizedTime;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.ocsp.BasicOCSPResponse;
import org.bouncycastle.asn1.ocsp.CertID;
import org.bouncycastle.asn1.ocsp.CertStatus;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.ocsp.OCSPResponse;
import org.bouncycastle.asn1.ocsp.OCSPResponseStatus;
import org.bouncycastle.asn1.ocsp.ResponderID;
import org.bouncycastle.asn1.ocsp.ResponseBytes;
import org.bouncycastle.asn1.ocsp.ResponseData;
import org.bouncycastle.asn1.ocsp.RevokedInfo;
import org.bouncycastle.asn1.ocsp.SingleResponse;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;

/**
 * Signs one OCSP answer (RFC 6960 §4.2.1, RFC 5019 §2.2): version 1 (CP 002 §7.3.1), ResponderID byKey, one
 * SingleResponse for the CertID asked about, no singleExtensions (BR §7.3: no reasonCode there; the reason is in
 * RevokedInfo, omitted for unspecified as on the CRL), signed by the delegated responder whose certificate goes with
 * it. The signature is checked in software before the answer is used.
 */
final class OcspAnswerMaker {
    private static final DateTimeFormatter GENERALIZED = DateTimeFormatter.ofPattern("yyyyMMddHHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    /** The OCSP pool's name: answers are checked and encoded there, apart from every other kind of work. */
    static final String POOL = "inkan-ocsp";
    static final int POOL_SIZE = 2;

    private final WorkerExecutor pool;
    private final Signer signer;
    private final Duration validity;

    OcspAnswerMaker(Vertx vertx, Signer signer, Duration validity) {
        this.pool = vertx.createSharedWorkerExecutor(POOL, POOL_SIZE);
        this.signer = signer;
        this.validity = validity;
    }

    Future<SignedAnswer> make(OcspIssuer issuer, CertID certId, CertStatusAnswer status, Instant now) {
        Instant thisUpdate = now.truncatedTo(ChronoUnit.SECONDS);
        Instant nextUpdate = thisUpdate.plus(validity);
        Instant responderExpiry = issuer.responder().getNotAfter().toInstant();
        if (nextUpdate.isAfter(responderExpiry)) {
            // an answer must not outlive the certificate that vouches for its signature
            nextUpdate = responderExpiry;
        }
        if (Duration.between(thisUpdate, nextUpdate).compareTo(OcspSchedule.MIN_VALIDITY) < 0) {
            return Future.failedFuture(new IllegalStateException("responder certificate '" + issuer.responderId()
                    + "' expires at " + responderExpiry + ": too soon to sign answers valid 8 hours (BR §4.9.10);"
                    + " it needs renewal"));
        }
        Instant next = nextUpdate;
        ResponseData tbs = new ResponseData(new ResponderID(new DEROctetString(issuer.responderKeyHash())),
                time(thisUpdate), new DERSequence(new SingleResponse(certId, certStatus(status), time(thisUpdate),
                        time(next), (Extensions) null)), (Extensions) null);
        return signer.signOcspResponse(issuer.responderId(), tbs, List.of(issuer.responder()))
                .compose(basic -> pool.executeBlocking(() -> new SignedAnswer(status.kind(),
                        verified(issuer, basic), thisUpdate, next), false));
    }

    private static CertStatus certStatus(CertStatusAnswer s) {
        return switch (s.kind()) {
            case GOOD -> new CertStatus();
            case UNKNOWN -> new CertStatus(2, DERNull.INSTANCE);
            case REVOKED -> new CertStatus(new RevokedInfo(time(s.revokedAt()),
                    s.reason().code() == 0 ? null : CRLReason.lookup(s.reason().code())));
        };
    }

    /** RFC 5019 §2.2.4 and RFC 5280 §4.1.2.5.2: GeneralizedTime in whole seconds with Z. */
    private static ASN1GeneralizedTime time(Instant t) {
        return new DERGeneralizedTime(GENERALIZED.format(t.truncatedTo(ChronoUnit.SECONDS)));
    }

    private static byte[] verified(OcspIssuer issuer, BasicOCSPResponse basic) {
        try {
            if (!new BasicOCSPResp(basic).isSignatureValid(new JcaContentVerifierProviderBuilder()
                    .build(issuer.responder()))) {
                throw new IllegalStateException("the HSM signature of responder '" + issuer.responderId()
                        + "' does not verify");
            }
            return new OCSPResponse(new OCSPResponseStatus(OCSPResponseStatus.SUCCESSFUL), new ResponseBytes(
                    OCSPObjectIdentifiers.id_pkix_ocsp_basic, new DEROctetString(basic.getEncoded()))).getEncoded();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            throw new IllegalStateException("cannot verify the answer of responder '" + issuer.responderId() + "'", e);
        }
    }

    /** A signed answer and what it says. */
    record SignedAnswer(CertStatusAnswer.Kind kind, byte[] der, Instant thisUpdate, Instant nextUpdate) {
        OcspReply reply() {
            return new OcspReply(der, thisUpdate, nextUpdate);
        }
    }

    /** RFC 6960 §4.2.1: an unsuccessful response has a status and no responseBytes, and is not signed. */
    static byte[] unsigned(int status) {
        try {
            return new OCSPResponse(new OCSPResponseStatus(status), null).getEncoded();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
