package dev.inkan.acme.wire;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/** One page of an account's orders list (RFC 8555 §7.1.2.1); the next page is in a Link header. */
public record OrdersListJson(List<String> orders) {
    public OrdersListJson {
        orders = List.copyOf(orders);
    }

    public JsonObject toJson() {
        return new JsonObject().put("orders", new JsonArray(orders));
    }
}
