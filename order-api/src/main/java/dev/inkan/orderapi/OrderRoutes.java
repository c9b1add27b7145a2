package dev.inkan.orderapi;

import dev.inkan.core.port.RegistrationAuthority;
import dev.inkan.core.port.ResellerOrderStore;
import dev.inkan.core.reseller.Reseller;
import dev.inkan.core.reseller.ResellerOrder;
import dev.inkan.core.reseller.ResellerOrderStatus;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/** /orders: place, show, list and cancel. */
final class OrderRoutes {
    private final ResellerOrderStore orders;
    private final CustomerRoutes customers;
    private final OrderPlacement placement;
    private final OrderSync sync;
    private final OrderView view;
    private final RegistrationAuthority ra;
    private final OrganizationLink organizations;
    private final OrderApiConfig config;
    private final Clock clock;

    OrderRoutes(ResellerOrderStore orders, CustomerRoutes customers, OrderPlacement placement, OrderSync sync,
            OrderView view, RegistrationAuthority ra, OrganizationLink organizations, OrderApiConfig config,
            Clock clock) {
        this.organizations = organizations;
        this.orders = orders;
        this.customers = customers;
        this.placement = placement;
        this.sync = sync;
        this.view = view;
        this.ra = ra;
        this.config = config;
        this.clock = clock;
    }

    Future<Reply> create(RoutingContext ctx, Reseller reseller) {
        JsonObject body = ctx.body().asJsonObject();
        List<String> names = names(body.getJsonArray("names"));
        Map<String, String> methods = methods(names, body.getJsonArray("validations"));
        Map<String, String> emails = emails(body.getJsonArray("validations"));
        String profile = body.getString("profile", "dv");
        byte[] csr = Pem.csr(body.getString("csr"));
        return customers.owned(reseller, body.getString("customerId"))
                .compose(customer -> (profile.equals("ov") ? requireOv(customer) : Future.<Void>succeededFuture())
                        .compose(v -> placement.place(new OrderPlacement.Request(reseller, customer, names, methods,
                                emails, profile, csr, null))))
                .compose(this::created);
    }

    /**
     * An OV order certifies a vetted organization (CP 002 §3.2.2): the CA must offer the OV profile and the customer
     * must be linked to an organization whose vetting is current and not suspended. The RA checks the binding again
     * (and that every name is among the vetted domain names) and takes the subject from the vetted record.
     */
    private Future<Void> requireOv(dev.inkan.core.reseller.Customer customer) {
        if (!ra.profiles().containsKey("ov")) {
            throw ApiProblem.unprocessable("ovUnavailable",
                    "this CA does not issue OV certificates through the API yet; order profile dv");
        }
        return organizations.requireUsable(customer, clock.instant()).mapEmpty();
    }

    Future<Reply> created(ResellerOrder o) {
        return view.of(o).map(j -> Reply.created(j, config.api("/orders/" + o.id())));
    }

    Future<Reply> get(RoutingContext ctx, Reseller reseller) {
        return owned(reseller, ctx.pathParam("orderId")).compose(sync::follow).compose(view::of)
                .map(j -> Reply.json(200, j));
    }

    Future<Reply> list(RoutingContext ctx, Reseller reseller) {
        int limit = Pages.limit(ctx);
        String status = ctx.request().getParam("status");
        String name = ctx.request().getParam("name");
        return orders.byReseller(reseller.id(), status == null ? null : ResellerOrderStatus.fromWire(status),
                        name == null ? null : normalize(name), Pages.before(ctx), limit)
                .compose(page -> view.of(page).map(items -> {
                    String last = page.isEmpty() ? null : page.get(page.size() - 1).id();
                    return Reply.json(200, new JsonObject().put("orders", items)
                            .put("nextCursor", Pages.next(last, page.size(), limit)));
                }));
    }

    /**
     * Only a PENDING order can be cancelled: once PROCESSING the certificate is being signed (revoke it instead).
     * The RA order is left to expire; nothing will finalize it.
     */
    Future<Reply> cancel(RoutingContext ctx, Reseller reseller) {
        return owned(reseller, ctx.pathParam("orderId")).compose(o -> {
            if (o.status() != ResellerOrderStatus.PENDING) {
                throw ApiProblem.conflict("order " + o.id() + " is " + o.status().wire()
                        + "; only a pending order can be cancelled" + (o.status() == ResellerOrderStatus.ISSUED
                                ? " (revoke the certificate instead)" : ""));
            }
            return sync.cancel(o);
        }).compose(view::of).map(j -> Reply.json(200, j));
    }

    /** The reseller's own order; another reseller's is 404, as if it did not exist. */
    Future<ResellerOrder> owned(Reseller reseller, String id) {
        return orders.byId(id).map(found -> found.filter(o -> o.resellerId().equals(reseller.id()))
                .orElseThrow(() -> ApiProblem.notFound("order " + id)));
    }

    static String normalize(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        return n.endsWith(".") ? n.substring(0, n.length() - 1) : n;
    }

    static List<String> names(JsonArray raw) {
        TreeSet<String> names = new TreeSet<>();
        for (int i = 0; i < raw.size(); i++) {
            names.add(normalize(raw.getString(i)));
        }
        return List.copyOf(names);
    }

    /** Name to address, for the names validated by email; an email method without an address is refused. */
    static Map<String, String> emails(JsonArray validations) {
        Map<String, String> emails = new HashMap<>();
        for (int i = 0; i < validations.size(); i++) {
            JsonObject v = validations.getJsonObject(i);
            if (Methods.EMAIL.equals(v.getString("method"))) {
                String address = v.getString("email");
                if (address == null || address.isBlank()) {
                    throw ApiProblem.unprocessable("validationMismatch", "method email for " + v.getString("name")
                            + " needs the constructed address to write to (email)");
                }
                emails.put(normalize(v.getString("name")), address.trim().toLowerCase(Locale.ROOT));
            }
        }
        return emails;
    }

    /** One method per name, every name covered, and DNS for wildcards (BR 3.2.2.4.19 validates no wildcard). */
    static Map<String, String> methods(List<String> names, JsonArray validations) {
        Map<String, String> methods = new HashMap<>();
        for (int i = 0; i < validations.size(); i++) {
            JsonObject v = validations.getJsonObject(i);
            String name = normalize(v.getString("name"));
            if (!names.contains(name)) {
                throw ApiProblem.unprocessable("validationMismatch",
                        "validations names " + name + ", which is not among the order's names");
            }
            if (methods.put(name, v.getString("method")) != null) {
                throw ApiProblem.unprocessable("validationMismatch", "validations names " + name + " twice");
            }
            if (name.startsWith("*.") && !v.getString("method").equals(Methods.DNS_01)
                    && !v.getString("method").equals(Methods.EMAIL)) {
                throw ApiProblem.unprocessable("validationMismatch", "a wildcard name (" + name
                        + ") can only be validated with dns-01 or email (BR 3.2.2.4.18, 3.2.2.4.19 exclude wildcards)");
            }
        }
        for (String n : names) {
            if (!methods.containsKey(n)) {
                throw ApiProblem.unprocessable("validationMismatch", "validations has no method for " + n);
            }
        }
        return methods;
    }
}
