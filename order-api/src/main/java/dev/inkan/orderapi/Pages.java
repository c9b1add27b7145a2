package dev.inkan.orderapi;

import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Cursor pagination: the cursor is the last id of the page before, opaque to the client. */
final class Pages {
    static final int DEFAULT_LIMIT = 20;

    private Pages() {}

    static int limit(RoutingContext ctx) {
        String l = ctx.request().getParam("limit");
        return l == null ? DEFAULT_LIMIT : Integer.parseInt(l);
    }

    /** The id to continue before, or null for the first page. */
    static String before(RoutingContext ctx) {
        String c = ctx.request().getParam("cursor");
        if (c == null || c.isEmpty()) {
            return null;
        }
        try {
            return new String(Base64.getUrlDecoder().decode(c), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw ApiProblem.badRequest("cursor is not one this API gave out");
        }
    }

    /** The cursor for the next page, or null when this page was the last. */
    static String next(String lastId, int size, int limit) {
        return size < limit || lastId == null ? null
                : Base64.getUrlEncoder().withoutPadding().encodeToString(lastId.getBytes(StandardCharsets.UTF_8));
    }
}
