package dev.inkan.ct;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;

/** Reads a v3 log list from a file path or an http(s) URL. */
public final class LogListLoader {
    private LogListLoader() {}

    public static Future<LogList> load(Vertx vertx, String location) {
        if (location == null || location.isBlank()) {
            return Future.failedFuture(new IllegalArgumentException("no CT log list is configured"));
        }
        Future<Buffer> raw;
        if (location.startsWith("http://") || location.startsWith("https://")) {
            WebClient client = WebClient.create(vertx);
            raw = client.getAbs(location).timeout(30_000).send()
                    .compose(r -> r.statusCode() == 200 ? Future.succeededFuture(r.body())
                            : Future.failedFuture(new IllegalArgumentException(
                                    "CT log list " + location + " answered HTTP " + r.statusCode())))
                    .eventually(() -> {
                        client.close();
                        return Future.succeededFuture();
                    });
        } else {
            raw = vertx.fileSystem().readFile(location);
        }
        return raw.map(b -> {
            try {
                return LogList.parse(new JsonObject(b));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("CT log list " + location + ": " + e.getMessage(), e);
            }
        });
    }
}
