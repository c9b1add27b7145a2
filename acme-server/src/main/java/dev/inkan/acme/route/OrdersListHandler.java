package dev.inkan.acme.route;

import dev.inkan.acme.jws.SignedRequest;
import dev.inkan.acme.wire.OrdersListJson;
import dev.inkan.core.model.Order;
import dev.inkan.core.port.OrderReader;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import java.util.List;

/** POST /acme/acct/:id/orders (RFC 8555 §7.1.2.1): one page of order URLs, the next page in Link rel="next". */
final class OrdersListHandler implements SignedHandler {
    private final OrderReader orders;
    private final Representations show;
    private final int pageSize;

    OrdersListHandler(OrderReader orders, Representations show, int pageSize) {
        this.orders = orders;
        this.show = show;
        this.pageSize = pageSize;
    }

    @Override
    public Future<Reply> handle(RoutingContext ctx, SignedRequest request) {
        String accountId = ctx.pathParam("id");
        Ownership.requireSelf(accountId, request);
        Ownership.requirePostAsGet(request);
        String cursor = ctx.queryParams().get("cursor");
        // one more than a page tells whether a next page exists
        return orders.byAccount(accountId, cursor, pageSize + 1).map(found -> page(accountId, found));
    }

    private Reply page(String accountId, List<Order> found) {
        List<Order> page = found.subList(0, Math.min(pageSize, found.size()));
        List<String> urls = page.stream().map(o -> show.urls().order(o.id())).toList();
        Reply reply = Reply.json(200, new OrdersListJson(urls).toJson());
        if (found.size() > pageSize) {
            String last = page.get(page.size() - 1).id();
            reply = reply.link(show.urls().ordersPage(accountId, last), "next");
        }
        return reply;
    }
}
