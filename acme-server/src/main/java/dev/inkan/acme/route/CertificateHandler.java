package dev.inkan.acme.route;

import dev.inkan.acme.jws.SignedRequest;
import dev.inkan.core.model.CaCertificate;
import dev.inkan.core.model.CertificateRecord;
import dev.inkan.core.model.CertificateStatus;
import dev.inkan.core.port.CaCertificateReader;
import dev.inkan.core.port.CertificateReader;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import java.util.Locale;
import java.util.Optional;

/**
 * POST-as-GET /acme/cert/:serial (RFC 8555 §7.4.2): the leaf and its issuing CA as
 * application/pem-certificate-chain, with the issuer's own URL in Link rel="up".
 */
final class CertificateHandler implements SignedHandler {
    private final CertificateReader certificates;
    private final CaCertificateReader caCertificates;
    private final Representations show;

    CertificateHandler(CertificateReader certificates, CaCertificateReader caCertificates, Representations show) {
        this.certificates = certificates;
        this.caCertificates = caCertificates;
        this.show = show;
    }

    @Override
    public Future<Reply> handle(RoutingContext ctx, SignedRequest request) {
        Ownership.requirePostAsGet(request);
        String serial = ctx.pathParam("serial").toLowerCase(Locale.ROOT);
        return certificates.bySerial(serial)
                .map(found -> Ownership.require(signed(found), CertificateRecord::accountId, request, "certificate " + serial))
                .compose(leaf -> caCertificates.byId(leaf.issuerId()).map(issuer -> chain(leaf, issuer)));
    }

    // a reserved or failed serial has no certificate to show
    private static Optional<CertificateRecord> signed(Optional<CertificateRecord> found) {
        return found.filter(c -> c.der() != null)
                .filter(c -> c.status() == CertificateStatus.ISSUED || c.status() == CertificateStatus.REVOKED);
    }

    private Reply chain(CertificateRecord leaf, Optional<CaCertificate> issuer) {
        CaCertificate ca = issuer.orElseThrow(() -> new IllegalStateException(
                "certificate " + leaf.serial() + " names issuer " + leaf.issuerId() + ", which is not stored"));
        String pem = Pem.certificate(leaf.der()) + Pem.certificate(ca.der());
        return Reply.text(200, Reply.PEM_CHAIN, pem).link(show.urls().issuer(ca.id()), "up");
    }
}
