package dev.inkan.orderapi;

import dev.inkan.core.error.CaException;
import dev.inkan.core.error.ErrorKind;
import dev.inkan.core.port.ResellerStore;
import dev.inkan.core.reseller.ApiKey;
import dev.inkan.core.reseller.Reseller;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What the operator does to resellers ({@code inkan reseller ...}): create one, create its first key, rotate (a new
 * key while the old one keeps working for an overlap, so at most two keys live at once), revoke a key at once.
 * A key's secret leaves here once, in the result, and is never stored.
 */
public final class ResellerAdministration {
    /** The rotation overlap when the operator names none. */
    public static final Duration DEFAULT_OVERLAP = Duration.ofDays(7);

    private final ResellerStore store;
    private final Clock clock;

    public ResellerAdministration(ResellerStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** A new key, with its secret in clear: show it once. */
    public record IssuedKey(ApiKey key, String token) {}

    public Future<Reseller> create(String name, String email, int ordersPerDay, int namesPerOrder) {
        if (name == null || name.isBlank()) {
            return Future.failedFuture(new CaException(ErrorKind.MALFORMED, "a reseller needs a --name"));
        }
        if (email == null || !email.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
            return Future.failedFuture(new CaException(ErrorKind.MALFORMED,
                    "a reseller needs an --email for its notices (CP 002 §4.3.2), not \"" + email + "\""));
        }
        if (ordersPerDay < 1 || namesPerOrder < 1) {
            return Future.failedFuture(new CaException(ErrorKind.MALFORMED, "quotas must be at least 1"));
        }
        Instant now = clock.instant();
        return store.insert(new Reseller(Ids.next("rsl_", now), name.trim(), email.trim(), ordersPerDay,
                namesPerOrder, null, null, true, now));
    }

    public Future<List<Reseller>> list() {
        return store.all();
    }

    /** A key for a reseller that has no live key yet (its first, or after revoking all). */
    public Future<IssuedKey> createKey(String resellerId) {
        return liveKeys(resellerId).compose(live -> {
            if (!live.isEmpty()) {
                throw new CaException(ErrorKind.CONFLICT, "reseller " + resellerId + " has a live key ("
                        + live.get(0).id() + "); use key-rotate to replace it");
            }
            return issue(resellerId);
        });
    }

    /**
     * A new key; the current one keeps working until {@code overlap} has passed, so the reseller can deploy the new
     * one without an outage. Refused while an earlier rotation's old key still works: two live keys at most.
     */
    public Future<IssuedKey> rotateKey(String resellerId, Duration overlap) {
        Instant now = clock.instant();
        return liveKeys(resellerId).compose(live -> {
            if (live.size() >= 2) {
                throw new CaException(ErrorKind.CONFLICT, "reseller " + resellerId + " already has two live keys;"
                        + " revoke the old one (key-revoke) before rotating again");
            }
            if (live.isEmpty()) {
                throw new CaException(ErrorKind.CONFLICT, "reseller " + resellerId + " has no live key; use key-create");
            }
            return store.expireKey(live.get(0).id(), now.plus(overlap)).compose(expired -> issue(resellerId));
        });
    }

    public Future<ApiKey> revokeKey(String resellerId, String keyId) {
        return store.keyById(keyId).compose(found -> {
            if (found.isEmpty() || !found.get().resellerId().equals(resellerId)) {
                throw new CaException(ErrorKind.NOT_FOUND, "reseller " + resellerId + " has no key " + keyId);
            }
            return store.revokeKey(keyId, clock.instant()).map(revoked -> revoked.orElseThrow(
                    () -> new CaException(ErrorKind.CONFLICT, "key " + keyId + " is already revoked")));
        });
    }

    public Future<List<ApiKey>> keys(String resellerId) {
        return reseller(resellerId).compose(r -> store.keysOf(resellerId));
    }

    private Future<List<ApiKey>> liveKeys(String resellerId) {
        Instant now = clock.instant();
        return keys(resellerId).map(all -> all.stream().filter(k -> k.liveAt(now)).toList());
    }

    private Future<Reseller> reseller(String resellerId) {
        return store.byId(resellerId).map(found -> found.orElseThrow(
                () -> new CaException(ErrorKind.NOT_FOUND, "no reseller " + resellerId)));
    }

    private Future<IssuedKey> issue(String resellerId) {
        String id = java.util.HexFormat.of().formatHex(randomBytes(14));
        String secret = Ids.random(32);
        ApiKey key = new ApiKey(id, resellerId, ApiKeys.digest(secret), clock.instant(), null, null);
        return store.insertKey(key).map(k -> new IssuedKey(k, ApiKeys.token(id, secret)));
    }

    private static byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        new java.security.SecureRandom().nextBytes(b);
        return b;
    }
}
