package dev.inkan.app;

import dev.inkan.core.model.CaCertificate;
import dev.inkan.core.port.CaCertificateReader;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Base64;

/**
 * The plain-HTTP listener for relying parties: the CA certificates at the caIssuers URLs the certificates
 * name ({@code /ca/<id>.der}, RFC 5280 §4.2.2.1: DER, application/pkix-cert) and as PEM for people.
 */
final class RelyingPartyRoutes {
    private RelyingPartyRoutes() {}

    static Router create(Vertx vertx, CaCertificateReader certificates) {
        Router router = Router.router(vertx);
        router.get("/ca/:file").handler(ctx -> serveCaCertificate(ctx, certificates));
        router.get("/ca/").handler(ctx -> listCaCertificates(ctx, certificates));
        return router;
    }

    private static void serveCaCertificate(RoutingContext ctx, CaCertificateReader certificates) {
        String file = ctx.pathParam("file");
        int dot = file.lastIndexOf('.');
        String ext = dot < 0 ? "" : file.substring(dot + 1);
        if (!ext.equals("der") && !ext.equals("pem")) {
            ctx.response().setStatusCode(404).end("not found\n");
            return;
        }
        certificates.byId(file.substring(0, dot)).onComplete(r -> {
            if (r.failed()) {
                ctx.response().setStatusCode(500).end("internal error\n");
            } else if (r.result().isEmpty()) {
                ctx.response().setStatusCode(404).end("no such CA certificate\n");
            } else if (ext.equals("der")) {
                ctx.response().putHeader("Content-Type", "application/pkix-cert")
                        .putHeader("Cache-Control", "public, max-age=86400")
                        .end(Buffer.buffer(r.result().get().der()));
            } else {
                ctx.response().putHeader("Content-Type", "application/x-pem-file")
                        .putHeader("Cache-Control", "public, max-age=86400")
                        .end(pem(r.result().get()));
            }
        });
    }

    private static void listCaCertificates(RoutingContext ctx, CaCertificateReader certificates) {
        certificates.all().onComplete(r -> {
            if (r.failed()) {
                ctx.response().setStatusCode(500).end("internal error\n");
                return;
            }
            StringBuilder b = new StringBuilder();
            for (CaCertificate c : r.result()) {
                b.append(c.id()).append(".der\t").append(c.role()).append('\t').append(c.subjectDn()).append('\n');
            }
            ctx.response().putHeader("Content-Type", "text/plain; charset=utf-8").end(b.toString());
        });
    }

    static String pem(CaCertificate c) {
        String b64 = Base64.getMimeEncoder(64, "\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
                .encodeToString(c.der());
        return "-----BEGIN CERTIFICATE-----\n" + b64 + "\n-----END CERTIFICATE-----\n";
    }
}
