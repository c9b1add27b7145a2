package dev.inkan.orderapi;

import dev.inkan.core.port.ResellerStore;
import dev.inkan.core.port.WebhookStore;
import dev.inkan.core.reseller.DeliveryAttempt;
import dev.inkan.core.reseller.Reseller;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;

/** /webhook, /webhook/deliveries and /events: where events go, how their delivery went, and polling them. */
final class WebhookRoutes {
    private final io.vertx.core.Vertx vertx;
    private final ResellerStore resellers;
    private final WebhookStore webhooks;
    private final OrderApiConfig config;

    WebhookRoutes(io.vertx.core.Vertx vertx, ResellerStore resellers, WebhookStore webhooks, OrderApiConfig config) {
        this.vertx = vertx;
        this.resellers = resellers;
        this.webhooks = webhooks;
        this.config = config;
    }

    /** A new URL and a new secret, shown only in this answer. */
    Future<Reply> register(RoutingContext ctx, Reseller reseller) {
        String url = ctx.body().asJsonObject().getString("url");
        String secret = "whsec_" + Ids.random(32);
        // resolving the host blocks: a worker's job
        return vertx.executeBlocking(() -> checked(url), false)
                .compose(uri -> resellers.setWebhook(reseller.id(), uri.toString(), secret).map(updated -> Reply.json(200,
                new JsonObject().put("url", uri.toString()).put("secret", secret)
                        .put("signatureHeader", WebhookSignature.HEADER + ": t=<unix seconds>,v1=<hex HMAC-SHA256 of"
                                + " \"<t>.<body>\" keyed with the secret>"))));
    }

    Future<Reply> get(RoutingContext ctx, Reseller reseller) {
        if (reseller.webhookUrl() == null) {
            throw ApiProblem.notFound("a webhook of this reseller");
        }
        return Future.succeededFuture(Reply.json(200, new JsonObject().put("url", reseller.webhookUrl())));
    }

    Future<Reply> deliveries(RoutingContext ctx, Reseller reseller) {
        int limit = Pages.limit(ctx);
        return webhooks.attempts(reseller.id(), Pages.before(ctx), limit).map(page -> {
            JsonArray items = new JsonArray();
            page.forEach(a -> items.add(json(a)));
            String last = page.isEmpty() ? null : page.get(page.size() - 1).id();
            return Reply.json(200, new JsonObject().put("deliveries", items)
                    .put("nextCursor", Pages.next(last, page.size(), limit)));
        });
    }

    Future<Reply> events(RoutingContext ctx, Reseller reseller) {
        String after = ctx.request().getParam("after");
        return webhooks.events(reseller.id(), after == null ? 0 : Long.parseLong(after), Pages.limit(ctx)).map(page -> {
            JsonArray items = new JsonArray();
            page.forEach(e -> items.add(OrderEvents.json(e).put("delivery", OrderEvents.delivery(e))));
            return Reply.json(200, new JsonObject().put("events", items));
        });
    }

    private static JsonObject json(DeliveryAttempt a) {
        return new JsonObject().put("id", a.id()).put("eventId", a.eventId()).put("sequence", a.sequence())
                .put("url", a.url()).put("attempt", a.attempt()).put("at", a.at().toString())
                .put("statusCode", a.statusCode()).put("error", a.error()).put("millis", a.millis());
    }

    /**
     * https, or http only where the operator allows private receivers (the sandbox); outside the sandbox, never a
     * loopback, private or link-local address, so the CA cannot be made to POST into its own network.
     */
    private URI checked(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (java.net.URISyntaxException e) {
            throw ApiProblem.badRequest("url is not a URL: " + e.getMessage());
        }
        if (uri.getHost() == null || uri.getRawUserInfo() != null || uri.getRawFragment() != null) {
            throw ApiProblem.badRequest("url must be an absolute http(s) URL with a host, no user info, no fragment");
        }
        if (config.privateWebhooks()) {
            return uri;
        }
        if (!"https".equals(uri.getScheme())) {
            throw ApiProblem.unprocessable("webhookRefused", "the webhook must be https");
        }
        try {
            for (InetAddress a : InetAddress.getAllByName(uri.getHost())) {
                if (a.isLoopbackAddress() || a.isSiteLocalAddress() || a.isLinkLocalAddress() || a.isAnyLocalAddress()) {
                    throw ApiProblem.unprocessable("webhookRefused", uri.getHost() + " is a private address");
                }
            }
        } catch (UnknownHostException e) {
            throw ApiProblem.unprocessable("webhookRefused", uri.getHost() + " does not resolve");
        }
        return uri;
    }
}
