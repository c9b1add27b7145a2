package dev.inkan.orderapi;

import dev.inkan.core.port.ResellerStore;
import dev.inkan.core.reseller.Reseller;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;

/**
 * {@code Authorization: Bearer <API key>}: a live key of an active reseller, or 401. The reseller goes into the
 * routing context for the handlers, which show it only its own objects.
 */
final class Authentication {
    private static final String RESELLER = "inkan.reseller";

    private final ResellerStore store;
    private final Clock clock;

    Authentication(ResellerStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    static Reseller reseller(RoutingContext ctx) {
        return ctx.get(RESELLER);
    }

    void handle(RoutingContext ctx) {
        authenticate(ctx.request().getHeader("Authorization")).onComplete(ar -> {
            if (ar.failed()) {
                ctx.fail(ar.cause());
                return;
            }
            ctx.put(RESELLER, ar.result());
            ctx.next();
        });
    }

    private Future<Reseller> authenticate(String header) {
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Future.failedFuture(unauthorized("send the API key as Authorization: Bearer <key>"));
        }
        var presented = ApiKeys.parse(header.substring(7));
        if (presented.isEmpty()) {
            return Future.failedFuture(unauthorized("the API key is malformed"));
        }
        return store.keyById(presented.get().keyId()).compose(found -> {
            if (found.isEmpty() || !ApiKeys.matches(found.get(), presented.get().secret())) {
                throw unauthorized("the API key is not known");
            }
            if (!found.get().liveAt(clock.instant())) {
                throw unauthorized(found.get().revokedAt() != null ? "the API key was revoked"
                        : "the API key expired at the end of its rotation overlap; use the new key");
            }
            return store.byId(found.get().resellerId());
        }).map(reseller -> reseller.filter(Reseller::active)
                .orElseThrow(() -> unauthorized("the reseller is suspended")));
    }

    static ApiException unauthorized(String detail) {
        return ApiProblem.of(401, "unauthorized", "Unauthorized", detail);
    }
}
