package dev.inkan.orderapi;

import dev.inkan.core.model.CertificateRecord;
import dev.inkan.core.port.CertificateEvents;
import dev.inkan.core.port.Leases;
import dev.inkan.core.port.OutboundMail;
import dev.inkan.core.port.RegistrationAuthority;
import dev.inkan.core.port.ResellerStores;
import dev.inkan.core.reseller.Reseller;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.openapi.router.OpenAPIRoute;
import io.vertx.ext.web.openapi.router.RequestExtractor;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.openapi.contract.OpenAPIContract;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/**
 * The reseller order API (CP 002 §1.3, §4.1-§4.3, §4.9.3): JSON under {@code /api/v1}, every request validated
 * against the OpenAPI 3.1 document in {@code openapi/reseller-api.json} (served at {@code /api/v1/openapi.json}),
 * every error an RFC 9457 problem. It changes state only through the RA port, as the ACME server does, and keeps its
 * own objects (resellers, customers, orders, events) behind the reseller store ports.
 *
 * <pre>{@code
 * OrderApi.start(vertx, config, ra, readers, storage.resellerStores(), mailer, clock)
 *     .onSuccess(api -> vertx.createHttpServer(tls).requestHandler(api.router()).listen(port));
 * }</pre>
 */
public final class OrderApi {
    public static final String BASE = "/api/v1";
    static final String CONTRACT = "openapi/reseller-api.json";
    private static final long MAX_BODY = 128 * 1024;

    private final Router router;
    private final OrderSync sync;
    private final WebhookDelivery delivery;
    private final ExpiryReminders reminders;
    private final Idempotency idempotency;

    private OrderApi(Router router, OrderSync sync, WebhookDelivery delivery, ExpiryReminders reminders,
            Idempotency idempotency) {
        this.router = router;
        this.sync = sync;
        this.delivery = delivery;
        this.reminders = reminders;
        this.idempotency = idempotency;
    }

    /** The OpenAPI document as served. */
    public static JsonObject contract() {
        try (InputStream in = OrderApi.class.getClassLoader().getResourceAsStream(CONTRACT)) {
            return new JsonObject(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @param mailer the relay for notices, or null when notification is off */
    public static Future<OrderApi> start(Vertx vertx, OrderApiConfig config, RegistrationAuthority ra,
            OrderApiReaders readers, ResellerStores stores, OutboundMail mailer, Clock clock) {
        // The served document names this server, so that clients generated from it call the right place.
        JsonObject document = contract().put("servers", new io.vertx.core.json.JsonArray()
                .add(new JsonObject().put("url", config.baseUrl() + BASE)));
        return OpenAPIContract.from(vertx, validating(document)).map(contract -> {
            OrderView view = new OrderView(readers, config);
            WebhookDelivery delivery = new WebhookDelivery(vertx, stores.webhooks(), stores.resellers(), config, clock);
            OrderEvents events = new OrderEvents(stores.webhooks(), stores.resellers(), view, clock, delivery::wake);
            ResellerNotices notices = new ResellerNotices(mailer, stores.resellers(), stores.customers());
            OrderSync sync = new OrderSync(vertx, ra, readers, stores.orders(), events, notices, clock);
            OrderPlacement placement = new OrderPlacement(ra, readers, stores.resellers(), stores.orders(), events, sync,
                    clock);
            OrganizationLink organizations = new OrganizationLink(readers.organizations(), readers.accounts());
            CustomerRoutes customers = new CustomerRoutes(stores.customers(), new CustomerAccounts(ra), organizations,
                    config, clock);
            OrderRoutes orders = new OrderRoutes(stores.orders(), customers, placement, sync, view, ra, organizations,
                    config, clock);
            ValidationRoutes validations = new ValidationRoutes(ra, readers, stores.orders(), orders, view, config, clock);
            CertificateRoutes certificates = new CertificateRoutes(ra, readers, stores.customers(), orders, placement,
                    sync, view);
            WebhookRoutes webhooks = new WebhookRoutes(vertx, stores.resellers(), stores.webhooks(), config);
            ResellerRoute reseller = new ResellerRoute(stores.resellers(), clock);
            Idempotency idempotency = new Idempotency(vertx, stores.idempotency(), clock);
            Authentication authentication = new Authentication(stores.resellers(), clock);

            RouterBuilder builder = RouterBuilder.create(vertx, contract, RequestExtractor.withBodyHandler());
            builder.rootHandler(BodyHandler.create(false).setBodyLimit(MAX_BODY));
            builder.rootHandler(ctx -> {
                if (ctx.request().path().equals(BASE + "/openapi.json")) {
                    ctx.next();
                } else {
                    authentication.handle(ctx);
                }
            });
            Map<String, Operation> reads = Map.of(
                    "getReseller", reseller::get,
                    "listCustomers", customers::list,
                    "getCustomer", customers::get,
                    "listOrders", orders::list,
                    "getOrder", orders::get,
                    "getCertificate", certificates::certificate,
                    "getWebhook", webhooks::get,
                    "listDeliveries", webhooks::deliveries,
                    "listEvents", webhooks::events,
                    "switchValidation", validations::switchMethod);
            Map<String, Operation> posts = Map.of(
                    "createCustomer", customers::create,
                    "createOrder", orders::create,
                    "verifyValidation", validations::verify,
                    "resendValidation", validations::resend,
                    "cancelOrder", orders::cancel,
                    "reissueOrder", certificates::reissue,
                    "revokeOrder", certificates::revoke,
                    "registerWebhook", webhooks::register);
            for (OpenAPIRoute route : builder.getRoutes()) {
                route.setDoSecurity(false); // the root handler authenticates, before validation says anything
                String id = route.getOperation().getOperationId();
                if (id.equals("getOpenApi")) {
                    route.addHandler(ctx -> Respond.write(ctx, Reply.json(200, document)));
                } else if (reads.containsKey(id)) {
                    Operation op = reads.get(id);
                    route.addHandler(ctx -> Respond.with(ctx, call(ctx, op)));
                } else if (posts.containsKey(id)) {
                    Operation op = posts.get(id);
                    route.addHandler(ctx -> Respond.with(ctx,
                            idempotency.run(ctx, Authentication.reseller(ctx), () -> call(ctx, op))));
                } else {
                    throw new IllegalStateException("operation " + id + " of the API document has no handler");
                }
                route.addFailureHandler(Respond::failure);
            }
            // The contract's paths are relative to its server URL, which ends in /api/v1: mount them there.
            Router router = Router.router(vertx);
            router.route(BASE + "/*").subRouter(builder.createRouter());
            router.route().failureHandler(Respond::failure);
            for (int status : new int[] {400, 404, 405, 413, 415, 500}) {
                router.errorHandler(status, ctx -> Respond.problem(ctx,
                        ctx.failure() != null ? ctx.failure() : Respond.statusOnly(status)));
            }
            ExpiryReminders reminders = new ExpiryReminders(vertx, stores.orders(), readers.certificates(), notices,
                    config.reminderLead(), clock);
            sync.start(config.syncInterval());
            delivery.start();
            reminders.start(Duration.ofHours(1));
            idempotency.start(Duration.ofHours(1));
            return new OrderApi(router, sync, delivery, reminders, idempotency);
        });
    }

    /**
     * The document as vertx-openapi can load it. Its validator knows only a fixed list of media types (JSON, text,
     * form data and {@code vnd.*+json}) and validates schemas of JSON bodies only, so the copy it gets names
     * {@code application/problem+json} and {@code application/pem-certificate-chain} as {@code application/json},
     * with the same schemas (the PEM chain is a string; a validator hands it over as a JSON string). The served
     * document keeps the real media types.
     */
    public static JsonObject validating(JsonObject served) {
        JsonObject copy = served.copy();
        rename(copy);
        return copy;
    }

    private static void rename(Object node) {
        if (node instanceof JsonObject o) {
            JsonObject content = o.getValue("content") instanceof JsonObject c ? c : null;
            if (content != null) {
                swap(content, Reply.PROBLEM, "application/json");
                swap(content, Reply.PEM_CHAIN, "application/json");
            }
            o.forEach(e -> rename(e.getValue()));
        } else if (node instanceof io.vertx.core.json.JsonArray a) {
            a.forEach(OrderApi::rename);
        }
    }

    private static void swap(JsonObject content, String from, String to) {
        Object media = content.remove(from);
        if (media != null) {
            content.put(to, media);
        }
    }

    /** A synchronous refusal (a thrown ApiException) becomes a failed future like any other. */
    private static Future<Reply> call(RoutingContext ctx, Operation op) {
        try {
            Reseller r = Authentication.reseller(ctx);
            return op.handle(ctx, r);
        } catch (RuntimeException e) {
            return Future.failedFuture(e);
        }
    }

    public Router router() {
        return router;
    }

    /**
     * Issuance and revocation from any channel, so that API orders follow at once: a certificate of an API order
     * revoked by staff or over ACME is shown revoked, told to the webhook and noticed by email like one revoked here.
     */
    public CertificateEvents certificateEvents() {
        return new CertificateEvents() {
            @Override
            public void issued(CertificateRecord certificate) {
                sync.issued(certificate);
            }

            @Override
            public Future<Void> revoked(CertificateRecord certificate) {
                return sync.revoked(certificate).recover(e -> Future.succeededFuture());
            }
        };
    }

    /**
     * When this API runs on several front ends: a reseller's webhook events are delivered by one process at a time,
     * in order, through a lease per reseller in the store. Call before the first delivery sweep (at once after start).
     *
     * @param name this process's name in the lease holder (a random suffix makes each start its own holder)
     */
    public void deliverWebhooksOneProcessAtATime(Leases leases, String name) {
        delivery.shareThrough(leases, name);
    }

    public Future<Void> close() {
        sync.stop();
        reminders.stop();
        idempotency.stop();
        return delivery.stop();
    }
}
