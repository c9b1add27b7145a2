package dev.inkan.orderapi;

import dev.inkan.core.port.CustomerStore;
import dev.inkan.core.reseller.Customer;
import dev.inkan.core.reseller.Reseller;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Instant;

/** /customers: a reseller's subscribers, each with an RA account of its own. */
final class CustomerRoutes {
    private final CustomerStore customers;
    private final CustomerAccounts accounts;
    private final OrganizationLink organizations;
    private final OrderApiConfig config;
    private final Clock clock;

    CustomerRoutes(CustomerStore customers, CustomerAccounts accounts, OrganizationLink organizations,
            OrderApiConfig config, Clock clock) {
        this.customers = customers;
        this.accounts = accounts;
        this.organizations = organizations;
        this.config = config;
        this.clock = clock;
    }

    Future<Reply> create(RoutingContext ctx, Reseller reseller) {
        JsonObject body = ctx.body().asJsonObject();
        JsonObject link = body.getJsonObject("organization");
        // An OV customer's link is checked before anything is made, so a refused one leaves nothing behind.
        Future<OrganizationLink.Linked> linked = link == null ? Future.succeededFuture()
                : organizations.verify(reseller.id(), link, clock.instant());
        return linked.compose(l -> accounts.create(l == null ? null : l.key().kid()).compose(account -> {
            Instant now = clock.instant();
            return customers.insert(new Customer(Ids.next("cus_", now), reseller.id(), body.getString("name").trim(),
                    body.getString("email").trim(), body.getBoolean("notifySubscriber", false),
                    l == null ? null : l.organization().id(), account.id(), now));
        })).map(c -> Reply.created(json(c), config.api("/customers/" + c.id())));
    }

    Future<Reply> get(RoutingContext ctx, Reseller reseller) {
        return owned(reseller, ctx.pathParam("customerId")).map(c -> Reply.json(200, json(c)));
    }

    Future<Reply> list(RoutingContext ctx, Reseller reseller) {
        int limit = Pages.limit(ctx);
        return customers.byReseller(reseller.id(), Pages.before(ctx), limit).map(page -> {
            JsonArray items = new JsonArray();
            page.forEach(c -> items.add(json(c)));
            String last = page.isEmpty() ? null : page.get(page.size() - 1).id();
            return Reply.json(200, new JsonObject().put("customers", items)
                    .put("nextCursor", Pages.next(last, page.size(), limit)));
        });
    }

    /** The reseller's own customer; another reseller's is 404, as if it did not exist. */
    Future<Customer> owned(Reseller reseller, String id) {
        return customers.byId(id).map(found -> found.filter(c -> c.resellerId().equals(reseller.id()))
                .orElseThrow(() -> ApiProblem.notFound("customer " + id)));
    }

    static JsonObject json(Customer c) {
        return new JsonObject().put("id", c.id()).put("name", c.name()).put("email", c.email())
                .put("notifySubscriber", c.notifySubscriber()).put("organizationId", c.organizationId())
                .put("createdAt", c.createdAt().toString());
    }
}
