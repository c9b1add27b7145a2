package dev.inkan.core.port;

import io.vertx.core.Future;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The sessions of the web fronts (the OV portal and the vetting console), kept in the store so that several front
 * ends behind one load balancer serve the same signed-in people. Every write is conditional on the version read.
 */
public interface WebSessions {

    /**
     * @param realm        which front the session belongs to ({@code portal}, {@code console}); they never share one
     * @param data         the session's values (strings only: ids, stages, the CSRF token)
     * @param lastAccessed epoch milliseconds of the last request
     * @param timeout      idle milliseconds after which the session is over
     * @param version      bumped by every write
     */
    record Stored(String realm, String id, Map<String, String> data, long lastAccessed, long timeout, int version) {
        public Stored {
            Objects.requireNonNull(realm, "realm");
            Objects.requireNonNull(id, "id");
            data = Map.copyOf(data);
        }

        public boolean idleAt(long nowMillis) {
            return lastAccessed + timeout < nowMillis;
        }
    }

    Future<Optional<Stored>> get(String realm, String id);

    /**
     * Writes the session if the store holds it at {@code expectedVersion}, or holds none (a new session, or one given
     * a new id at sign-in); true when written, false when another front end wrote it first.
     */
    Future<Boolean> put(Stored session, int expectedVersion);

    Future<Void> delete(String realm, String id);

    /** Removes the realm's sessions idle at {@code nowMillis}; how many. */
    Future<Long> deleteIdle(String realm, long nowMillis);

    Future<Long> count(String realm);
}
