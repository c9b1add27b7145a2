package dev.inkan.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.inkan.core.port.WebSessions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class MongoWebSessionsTest extends EmbeddedStoreTest {
    private static final long NOW = T0.toEpochMilli();

    private static WebSessions.Stored session(String id, String staff, int version) {
        return new WebSessions.Stored("console", id, Map.of("staffId", staff, "_csrf", "t0k"), NOW, 900_000, version);
    }

    @Test
    void sessionWrittenByOneFrontEndIsReadByAnother() {
        String id = newId("s");
        assertTrue(Await.await(storage.webSessions().put(session(id, "officer", 1), 0)));
        WebSessions.Stored read = Await.await(storage.webSessions().get("console", id)).orElseThrow();
        assertEquals("officer", read.data().get("staffId"));
        assertEquals(1, read.version());
    }

    @Test
    void writeFromAStaleVersionLoses() {
        String id = newId("s");
        WebSessions sessions = storage.webSessions();
        assertTrue(Await.await(sessions.put(session(id, "officer", 1), 0)));
        assertTrue(Await.await(sessions.put(session(id, "approver", 2), 1)));
        assertFalse(Await.await(sessions.put(session(id, "officer", 2), 1)));
        assertEquals("approver", Await.await(sessions.get("console", id)).orElseThrow().data().get("staffId"));
    }

    @Test
    void realmsDoNotShareSessions() {
        String id = newId("s");
        Await.await(storage.webSessions().put(session(id, "officer", 1), 0));
        assertTrue(Await.await(storage.webSessions().get("portal", id)).isEmpty());
    }

    @Test
    void idleSessionsArePurged() {
        String idle = newId("s");
        String fresh = newId("s");
        WebSessions sessions = storage.webSessions();
        Await.await(sessions.put(new WebSessions.Stored("purge", idle, Map.of(), NOW - 1_000_000, 900_000, 1), 0));
        Await.await(sessions.put(new WebSessions.Stored("purge", fresh, Map.of(), NOW, 900_000, 1), 0));
        assertEquals(1L, Await.await(sessions.deleteIdle("purge", NOW)));
        assertTrue(Await.await(sessions.get("purge", idle)).isEmpty());
        assertTrue(Await.await(sessions.get("purge", fresh)).isPresent());
    }
}
