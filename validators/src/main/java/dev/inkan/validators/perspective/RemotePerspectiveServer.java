package dev.inkan.validators.perspective;

import dev.inkan.core.port.CaaChecker;
import dev.inkan.core.port.ValidationAuthority;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.ClientAuth;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A remote network perspective (BR 3.2.2.9): its own validation authority and CAA checker, each with its own
 * resolver and cache, answering the primary over HTTPS that requires the primary's client certificate.
 * {@code POST /validate} takes a validation request and answers the outcome; {@code POST /caa} the same for CAA.
 */
public final class RemotePerspectiveServer {
    private static final Logger LOG = LoggerFactory.getLogger(RemotePerspectiveServer.class);
    private static final int MAX_BODY = 64 * 1024;

    private final ValidationAuthority validation;
    private final CaaChecker caa;
    private HttpServer server;

    private RemotePerspectiveServer(ValidationAuthority validation, CaaChecker caa) {
        this.validation = validation;
        this.caa = caa;
    }

    /** Listens on host:port (0 for a free port) with mutual TLS: clients must present a certificate tls trusts. */
    public static Future<RemotePerspectiveServer> start(Vertx vertx, String host, int port, PerspectiveTls tls,
            ValidationAuthority validation, CaaChecker caa) {
        RemotePerspectiveServer s = new RemotePerspectiveServer(validation, caa);
        HttpServerOptions options = new HttpServerOptions().setSsl(true)
                .setKeyCertOptions(new PemKeyCertOptions().setCertPath(tls.certPem()).setKeyPath(tls.keyPem()))
                .setTrustOptions(new PemTrustOptions().addCertPath(tls.trustPem()))
                .setClientAuth(ClientAuth.REQUIRED);
        s.server = vertx.createHttpServer(options).requestHandler(s::handle);
        return s.server.listen(port, host).map(ignored -> s);
    }

    public int port() {
        return server.actualPort();
    }

    public Future<Void> close() {
        return server.close();
    }

    private void handle(HttpServerRequest req) {
        if (req.method() != HttpMethod.POST) {
            req.response().setStatusCode(405).end();
            return;
        }
        req.body().onSuccess(body -> {
            if (body.length() > MAX_BODY) {
                req.response().setStatusCode(413).end();
                return;
            }
            JsonObject in;
            try {
                in = body.toJsonObject();
            } catch (DecodeException e) {
                req.response().setStatusCode(400).end("not JSON");
                return;
            }
            Future<JsonObject> out = switch (req.path()) {
                case PerspectiveWire.VALIDATE ->
                        validation.validate(PerspectiveWire.validationRequest(in)).map(PerspectiveWire::of);
                case PerspectiveWire.CAA -> caa.check(PerspectiveWire.caaRequest(in)).map(PerspectiveWire::of);
                default -> null;
            };
            if (out == null) {
                req.response().setStatusCode(404).end();
                return;
            }
            out.onSuccess(json -> req.response().putHeader("Content-Type", "application/json").end(json.encode()))
                    .onFailure(t -> {
                        LOG.error("remote perspective check failed", t);
                        req.response().setStatusCode(500).end();
                    });
        });
    }
}
