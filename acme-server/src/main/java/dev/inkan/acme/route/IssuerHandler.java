package dev.inkan.acme.route;

import dev.inkan.acme.problem.Problems;
import dev.inkan.core.model.CaCertificate;
import dev.inkan.core.port.CaCertificateReader;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;

/**
 * GET or POST-as-GET /acme/issuer/:caId: a CA certificate as application/pem-certificate-chain, linking "up" to
 * the certificate that signed it unless it is self-signed. Public data, so a plain GET serves it as well.
 */
final class IssuerHandler implements UnsignedHandler {
    private final CaCertificateReader caCertificates;
    private final Representations show;

    IssuerHandler(CaCertificateReader caCertificates, Representations show) {
        this.caCertificates = caCertificates;
        this.show = show;
    }

    @Override
    public Future<Reply> handle(RoutingContext ctx) {
        String caId = ctx.pathParam("caId");
        return caCertificates.byId(caId).map(found -> {
            CaCertificate ca = found.orElseThrow(() -> Problems.notFound("CA certificate " + caId));
            Reply reply = Reply.text(200, Reply.PEM_CHAIN, Pem.certificate(ca.der()));
            return ca.issuerId() == null || ca.issuerId().equals(ca.id())
                    ? reply
                    : reply.link(show.urls().issuer(ca.issuerId()), "up");
        });
    }
}
