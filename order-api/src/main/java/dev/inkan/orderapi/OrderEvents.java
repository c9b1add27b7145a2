package dev.inkan.orderapi;

import dev.inkan.core.port.ResellerStore;
import dev.inkan.core.port.WebhookStore;
import dev.inkan.core.reseller.ResellerOrder;
import dev.inkan.core.reseller.WebhookEvent;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records each order state change as an event of its reseller (numbered, in order) and wakes the webhook delivery.
 * The event carries the order as it was right after the change. Recording never fails the change itself.
 */
final class OrderEvents {
    private static final Logger LOG = LoggerFactory.getLogger(OrderEvents.class);

    private final WebhookStore webhooks;
    private final ResellerStore resellers;
    private final OrderView view;
    private final Clock clock;
    private final Runnable wake;

    OrderEvents(WebhookStore webhooks, ResellerStore resellers, OrderView view, Clock clock, Runnable wake) {
        this.webhooks = webhooks;
        this.resellers = resellers;
        this.view = view;
        this.clock = clock;
        this.wake = wake;
    }

    /** {@code order.<status>} for the order's (new) status. */
    Future<Void> changed(ResellerOrder o) {
        return record(o, "order." + o.status().wire());
    }

    Future<Void> record(ResellerOrder o, String type) {
        return Future.all(resellers.byId(o.resellerId()), view.of(o)).compose(both -> {
            boolean hooked = both.<java.util.Optional<dev.inkan.core.reseller.Reseller>>resultAt(0)
                    .map(r -> r.webhookUrl() != null).orElse(false);
            JsonObject data = new JsonObject().put("order", both.<JsonObject>resultAt(1));
            return webhooks.append(new WebhookEvent("-", o.resellerId(), 0, type, o.id(), data.encode(),
                    clock.instant(), hooked ? WebhookEvent.Delivery.PENDING : WebhookEvent.Delivery.NONE, 0,
                    hooked ? clock.instant() : null));
        }).<Void>map(e -> {
            wake.run();
            return null;
        }).recover(e -> {
            LOG.error("event {} of order {} not recorded", type, o.id(), e);
            return Future.succeededFuture();
        });
    }

    /** The JSON an event is POSTed and listed as. */
    static JsonObject json(WebhookEvent e) {
        return new JsonObject().put("id", e.id()).put("sequence", e.sequence()).put("type", e.type())
                .put("orderId", e.orderId()).put("createdAt", e.createdAt().toString())
                .put("data", new JsonObject(e.payload()));
    }

    static String delivery(WebhookEvent e) {
        return e.delivery().name().toLowerCase(Locale.ROOT);
    }
}
