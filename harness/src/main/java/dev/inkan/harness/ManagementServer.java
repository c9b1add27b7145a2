package dev.inkan.harness;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The management API of pebble-challtestsrv, path for path and body for body, so that the certbot and lego hooks
 * written for it work unchanged. Every endpoint takes a JSON body (any method, as challtestsrv accepts) and answers
 * 200 with no body, or 400 with what was wrong.
 */
final class ManagementServer {
    private static final Logger LOG = LoggerFactory.getLogger(ManagementServer.class);
    private static final long MAX_BODY = 1024 * 1024;

    private final Vertx vertx;
    private final Harness harness;
    private HttpServer server;

    ManagementServer(Vertx vertx, Harness harness) {
        this.vertx = vertx;
        this.harness = harness;
    }

    Future<ManagementServer> listen(String host, int port) {
        server = vertx.createHttpServer();
        server.requestHandler(router());
        return server.listen(port, host).map(s -> this);
    }

    int port() {
        return server.actualPort();
    }

    Future<Void> close() {
        return server == null ? Future.succeededFuture() : server.close();
    }

    private Router router() {
        Router r = Router.router(vertx);
        r.route().handler(BodyHandler.create(false).setBodyLimit(MAX_BODY));
        command(r, "/set-default-ipv4", b -> harness.setDefaultIPv4(b.string("ip")));
        command(r, "/set-default-ipv6", b -> harness.setDefaultIPv6(b.string("ip")));
        command(r, "/add-a", b -> harness.addA(b.required("host"), nonEmpty(b.strings("addresses"), "addresses")));
        command(r, "/clear-a", b -> harness.clearA(b.required("host")));
        command(r, "/add-aaaa", b -> harness.addAaaa(b.required("host"), nonEmpty(b.strings("addresses"), "addresses")));
        command(r, "/clear-aaaa", b -> harness.clearAaaa(b.required("host")));
        command(r, "/add-caa", b -> harness.addCaa(b.required("host"), nonEmpty(b.caaPolicies("policies"), "policies")));
        command(r, "/clear-caa", b -> harness.clearCaa(b.required("host")));
        command(r, "/set-cname", b -> harness.setCname(b.required("host"), b.required("target")));
        command(r, "/clear-cname", b -> harness.clearCname(b.required("host")));
        command(r, "/set-servfail", b -> harness.setServfail(b.required("host")));
        command(r, "/clear-servfail", b -> harness.clearServfail(b.required("host")));
        command(r, "/set-txt", b -> harness.setTxt(b.required("host"), b.required("value")));
        command(r, "/clear-txt", b -> harness.clearTxt(b.required("host")));
        command(r, "/add-http01", b -> harness.addHttp01(b.required("token"), b.required("content")));
        command(r, "/del-http01", b -> harness.delHttp01(b.required("token")));
        command(r, "/add-redirect", b -> harness.addRedirect(b.required("path"), b.required("targetURL")));
        command(r, "/del-redirect", b -> harness.delRedirect(b.required("path")));
        r.route("/sign-zone").handler(this::signZone);
        command(r, "/set-bogus", b -> harness.setBogus(b.required("host")));
        command(r, "/clear-bogus", b -> harness.clearBogus(b.required("host")));
        command(r, "/add-tlsalpn01", b -> harness.addTlsAlpn01(b.required("host"), b.required("content")));
        command(r, "/del-tlsalpn01", b -> harness.delTlsAlpn01(b.required("host")));
        command(r, "/clear-request-history", b -> harness.clearRequestHistory(b.required("host"), b.string("type")));
        r.route("/dns-request-history").handler(ctx -> history(ctx, true));
        r.route("/http-request-history").handler(ctx -> history(ctx, false));
        r.route("/tlsalpn01-request-history").handler(this::tlsAlpnHistory);
        return r;
    }

    private void command(Router r, String path, Consumer<ManagementRequest> action) {
        r.route(path).handler(ctx -> {
            try {
                action.accept(ManagementRequest.parse(ctx.body().asString()));
            } catch (IllegalArgumentException e) {
                ctx.response().setStatusCode(400).end(e.getMessage() + "\n");
                return;
            }
            LOG.info("{} {}", path, ctx.body().asString());
            ctx.response().setStatusCode(200).end();
        });
    }

    private void history(RoutingContext ctx, boolean dns) {
        String host;
        try {
            host = ManagementRequest.parse(ctx.body().asString()).required("host");
        } catch (IllegalArgumentException e) {
            ctx.response().setStatusCode(400).end(e.getMessage() + "\n");
            return;
        }
        JsonArray out = new JsonArray();
        if (dns) {
            harness.dnsRequestHistory(host).forEach(e -> out.add(dnsJson(e)));
        } else {
            harness.httpRequestHistory(host).forEach(e -> out.add(httpJson(e)));
        }
        ctx.response().putHeader("Content-Type", "application/json; charset=utf-8").end(out.encodePrettily());
    }

    /** Not in challtestsrv: signs a zone and answers its DNSKEY, the trust anchor for a validating resolver. */
    private void signZone(RoutingContext ctx) {
        String anchor;
        try {
            anchor = harness.signZone(ManagementRequest.parse(ctx.body().asString()).required("zone"));
        } catch (IllegalArgumentException e) {
            ctx.response().setStatusCode(400).end(e.getMessage() + "\n");
            return;
        }
        ctx.response().putHeader("Content-Type", "text/plain; charset=utf-8").end(anchor + "\n");
    }

    private void tlsAlpnHistory(RoutingContext ctx) {
        String host;
        try {
            host = ManagementRequest.parse(ctx.body().asString()).required("host");
        } catch (IllegalArgumentException e) {
            ctx.response().setStatusCode(400).end(e.getMessage() + "\n");
            return;
        }
        JsonArray out = new JsonArray();
        // The JSON Go makes of challtestsrv's TLSALPNRequestEvent, plus the time.
        harness.tlsAlpnRequestHistory(host).forEach(e -> out.add(new JsonObject()
                .put("ServerName", e.serverName())
                .put("SupportedProtos", new JsonArray(e.supportedProtos()))
                .put("Time", e.at().toString())));
        ctx.response().putHeader("Content-Type", "application/json; charset=utf-8").end(out.encodePrettily());
    }

    /** The JSON Go makes of challtestsrv's DNSRequestEvent (a miekg/dns Question), plus the time. */
    private static JsonObject dnsJson(DnsRequestEvent e) {
        return new JsonObject()
                .put("Question", new JsonObject().put("Name", e.name()).put("Qtype", e.type()).put("Qclass", 1))
                .put("Time", e.at().toString());
    }

    /** The JSON Go makes of challtestsrv's HTTPRequestEvent, plus the time. */
    private static JsonObject httpJson(HttpRequestEvent e) {
        return new JsonObject()
                .put("URL", e.url())
                .put("Host", e.host())
                .put("HTTPS", e.https())
                .put("ServerName", e.serverName())
                .put("Time", e.at().toString());
    }

    private static <T> java.util.List<T> nonEmpty(java.util.List<T> list, String key) {
        if (list.isEmpty()) {
            throw new IllegalArgumentException(key + " parameter must not be empty");
        }
        return list;
    }
}
