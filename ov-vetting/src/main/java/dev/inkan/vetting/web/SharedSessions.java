package dev.inkan.vetting.web;

import dev.inkan.core.port.WebSessions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.prng.VertxContextPRNG;
import io.vertx.ext.web.Session;
import io.vertx.ext.web.sstore.AbstractSession;
import io.vertx.ext.web.sstore.SessionStore;
import java.util.HashMap;
import java.util.Map;

/**
 * Vert.x sessions kept in the store ({@link WebSessions}), so that several front ends behind one load balancer serve
 * the same signed-in staff and applicants. A session idle past its timeout is over wherever it is read; a write
 * loses to another front end's newer one (the version it read has moved) rather than overwrite it. The idle ones are
 * purged every minute.
 */
final class SharedSessions implements SessionStore {
    private static final long PURGE_EVERY_MS = 60_000;
    private final Vertx vertx;
    private final WebSessions store;
    private final String realm;
    private final VertxContextPRNG random;
    private final long purge;

    /** A session read from or bound for the store. */
    static final class StoredSession extends AbstractSession {
        StoredSession(VertxContextPRNG random, long timeout, int length) {
            super(random, timeout, length);
        }

        StoredSession(VertxContextPRNG random, WebSessions.Stored s) {
            super(random);
            setId(s.id());
            setTimeout(s.timeout());
            setLastAccessed(s.lastAccessed());
            setVersion(s.version());
            setData(new JsonObject(new HashMap<>(s.data())));
        }
    }

    SharedSessions(Vertx vertx, WebSessions store, String realm) {
        this.vertx = vertx;
        this.store = store;
        this.realm = realm;
        this.random = VertxContextPRNG.current(vertx);
        this.purge = vertx.setPeriodic(PURGE_EVERY_MS, t -> store.deleteIdle(realm, System.currentTimeMillis()));
    }

    @Override
    public SessionStore init(Vertx vertx, JsonObject options) {
        return this;
    }

    @Override
    public long retryTimeout() {
        return 0;
    }

    @Override
    public Session createSession(long timeout) {
        return createSession(timeout, DEFAULT_SESSIONID_LENGTH);
    }

    @Override
    public Session createSession(long timeout, int length) {
        return new StoredSession(random, timeout, length);
    }

    @Override
    public Future<Session> get(String id) {
        return store.get(realm, id).compose(found -> {
            if (found.isEmpty()) {
                return Future.succeededFuture();
            }
            // Vert.x sessions count idle time on the wall clock (Session.setAccessed); so does their end
            if (found.get().idleAt(System.currentTimeMillis())) {
                return store.delete(realm, id).map(x -> (Session) null);
            }
            return Future.succeededFuture(new StoredSession(random, found.get()));
        });
    }

    @Override
    public Future<Void> delete(String id) {
        return store.delete(realm, id);
    }

    @Override
    public Future<Void> put(Session session) {
        Map<String, String> data = new HashMap<>();
        session.data().forEach((k, v) -> {
            if (v != null) {
                data.put(k, String.valueOf(v));
            }
        });
        int read = session instanceof AbstractSession a ? a.version() : 0;
        WebSessions.Stored s = new WebSessions.Stored(realm, session.id(), data, session.lastAccessed(),
                session.timeout(), read + 1);
        return store.put(s, read).compose(written -> {
            if (!written) {
                return Future.failedFuture(new IllegalStateException("Session version mismatch"));
            }
            if (session instanceof AbstractSession a) {
                a.incrementVersion();
            }
            return Future.succeededFuture();
        });
    }

    @Override
    public Future<Void> clear() {
        return store.deleteIdle(realm, Long.MAX_VALUE).mapEmpty();
    }

    @Override
    public Future<Integer> size() {
        return store.count(realm).map(Long::intValue);
    }

    @Override
    public void close() {
        vertx.cancelTimer(purge);
    }
}
