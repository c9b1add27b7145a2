package dev.inkan.app;

import dev.inkan.storage.Storage;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;

/**
 * {@code GET /admin/store} on the admin listener: what the store holds, per collection (documents and BSON
 * bytes) and, for the embedded store, its file's size and fill rates; the bench reports it per certificate.
 * {@code GET /admin/store/calls}: the commands this process sent to the store so far, by collection and command
 * (the bench reports them per certificate of its timed phase).
 */
final class StoreFootprintRoute {
    private StoreFootprintRoute() {}

    static void mount(Router router, Storage storage) {
        // registered before /admin/store so that neither route shadows the other
        router.get("/admin/store/calls").handler(ctx -> {
            JsonObject calls = new JsonObject();
            storage.calls().snapshot().forEach(calls::put);
            ctx.response().putHeader("Content-Type", "application/json").end(new JsonObject()
                    .put("total", storage.calls().total()).put("calls", calls).encode());
        });
        router.get("/admin/store").handler(ctx -> storage.footprint().onComplete(ar -> {
            if (ar.failed()) {
                ctx.response().setStatusCode(500).putHeader("Content-Type", "application/json")
                        .end(new JsonObject().put("error", "serverInternal").put("detail", ar.cause().getMessage()).encode());
                return;
            }
            JsonObject collections = new JsonObject();
            ar.result().collections().forEach((name, c) -> collections.put(name,
                    new JsonObject().put("documents", c[0]).put("bytes", c[1])));
            ctx.response().putHeader("Content-Type", "application/json").end(new JsonObject()
                    .put("documents", ar.result().documents()).put("bytes", ar.result().bytes())
                    .put("fileBytes", ar.result().fileBytes()).put("fileFillPercent", ar.result().fileFillPercent())
                    .put("chunksFillPercent", ar.result().chunksFillPercent())
                    .put("collections", collections).encode());
        }));
    }
}
