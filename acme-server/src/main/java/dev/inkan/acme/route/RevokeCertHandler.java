package dev.inkan.acme.route;

import dev.inkan.acme.jws.AccountKey;
import dev.inkan.acme.jws.SignedRequest;
import dev.inkan.acme.problem.Problems;
import dev.inkan.acme.wire.RevocationPayload;
import dev.inkan.core.port.RegistrationAuthority;
import dev.inkan.core.port.RegistrationAuthority.RevocationRequest;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import java.io.ByteArrayInputStream;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Arrays;

/**
 * POST /acme/revoke-cert (RFC 8555 §7.6), signed either by an account (kid; the RA checks it holds
 * authorizations for every name) or by the certificate's own key (jwk; checked here).
 */
final class RevokeCertHandler implements SignedHandler {
    private final RegistrationAuthority ra;

    RevokeCertHandler(RegistrationAuthority ra) {
        this.ra = ra;
    }

    @Override
    public Future<Reply> handle(RoutingContext ctx, SignedRequest request) {
        RevocationPayload payload = RevocationPayload.parse(request.payloadJson());
        RevocationRequest revocation;
        if (request.signedByAccount()) {
            revocation = new RevocationRequest(payload.certificateDer(), payload.reason(), request.account().id(), false);
        } else {
            requireCertificateKey(payload.certificateDer(), request.key());
            revocation = new RevocationRequest(payload.certificateDer(), payload.reason(), null, true);
        }
        return ra.revokeCertificate(revocation).map(v -> Reply.empty(200));
    }

    // RFC 8555 §7.6: with a jwk, the JWS must be signed by the key the certificate certifies
    private static void requireCertificateKey(byte[] der, AccountKey key) {
        X509Certificate certificate;
        try {
            certificate = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(der));
        } catch (CertificateException | RuntimeException e) {
            throw Problems.malformed("\"certificate\" is not a DER X.509 certificate");
        }
        if (!Arrays.equals(certificate.getPublicKey().getEncoded(), key.publicKey().getEncoded())) {
            throw Problems.unauthorized("the JWS is signed with a jwk that is not the certificate's public key");
        }
    }
}
