package dev.inkan.app;

import dev.inkan.storage.Storage;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.util.function.BiFunction;

/**
 * How an operator command works when no server is running: it opens the store itself for one operation and closes
 * it again. The answer has the staff endpoint's shape, so the command prints it the same way either path.
 */
final class OperatorStoreAccess {
    private OperatorStoreAccess() {}

    static JsonObject run(Settings settings, Clock clock, BiFunction<Vertx, Storage, Future<JsonObject>> operation) {
        Vertx vertx = Vertx.vertx();
        Storage storage = null;
        try {
            storage = Main.await(Storage.open(vertx, settings.storage(), clock));
            return Main.await(operation.apply(vertx, storage));
        } catch (RuntimeException e) {
            return new JsonObject().put("error", "storeUnavailable").put("detail", "cannot open the store "
                    + settings.storage().embeddedFile() + " (is a server using it without its staff endpoint?): "
                    + e.getMessage());
        } finally {
            if (storage != null) {
                Main.await(storage.close());
            }
            Main.await(vertx.close());
        }
    }
}
