package dev.inkan.ca;

import dev.inkan.core.port.BlockedKeys;
import io.vertx.core.Future;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The BlockedKeys contract in a map. */
public final class InMemoryBlockedKeys implements BlockedKeys {
    private final Map<String, String> keys = new ConcurrentHashMap<>();

    @Override
    public Future<Boolean> isBlocked(String spkiSha256) {
        return Future.succeededFuture(keys.containsKey(spkiSha256));
    }

    @Override
    public Future<Void> block(String spkiSha256, String reason) {
        keys.putIfAbsent(spkiSha256, reason);
        return Future.succeededFuture();
    }
}
