package dev.inkan.acme.jws;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Account keys parsed from their stored JWK, kept for the accounts seen most recently: every signed request
 * of an account verifies with the same key, and parsing it (JSON, the key, its thumbprint) each time cost more
 * than the lookup. Keyed by the JWK text itself, so a key change (RFC 8555 §7.3.5) is a new entry, never a
 * stale one.
 */
final class StoredKeys {
    static final int DEFAULT_CAPACITY = 10_000;

    private final Map<String, AccountKey> keys;

    StoredKeys(int capacity) {
        this.keys = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, AccountKey> eldest) {
                return size() > capacity;
            }
        };
    }

    AccountKey of(String storedJwk) {
        synchronized (keys) {
            AccountKey known = keys.get(storedJwk);
            if (known != null) {
                return known;
            }
        }
        AccountKey parsed = AccountKey.fromStored(storedJwk);
        synchronized (keys) {
            keys.put(storedJwk, parsed);
        }
        return parsed;
    }
}
