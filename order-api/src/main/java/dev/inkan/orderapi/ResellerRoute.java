package dev.inkan.orderapi;

import dev.inkan.core.port.ResellerStore;
import dev.inkan.core.reseller.Reseller;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;

/** /reseller: who the key belongs to, its quotas and today's use. */
final class ResellerRoute {
    private final ResellerStore resellers;
    private final Clock clock;

    ResellerRoute(ResellerStore resellers, Clock clock) {
        this.resellers = resellers;
        this.clock = clock;
    }

    Future<Reply> get(RoutingContext ctx, Reseller r) {
        String day = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).toString();
        return resellers.ordersOn(r.id(), day).map(today -> Reply.json(200, new JsonObject().put("id", r.id())
                .put("name", r.name()).put("email", r.email())
                .put("quotas", new JsonObject().put("ordersPerDay", r.ordersPerDay())
                        .put("namesPerOrder", r.namesPerOrder()))
                .put("ordersToday", today).put("webhookUrl", r.webhookUrl())));
    }
}
