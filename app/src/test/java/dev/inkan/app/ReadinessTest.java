package dev.inkan.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class ReadinessTest {

    @Test
    void testReady_whenEveryCheckPasses() throws Exception {
        JsonObject r = await(new Readiness().add("store", () -> Future.succeededFuture(true))
                .add("hsm", () -> Future.succeededFuture(true)).evaluate());
        assertTrue(r.getBoolean("ready"));
        assertEquals(new JsonObject().put("store", true).put("hsm", true), r.getJsonObject("checks"));
    }

    @Test
    void testNotReady_whenOneCheckFailsOrThrows() throws Exception {
        JsonObject r = await(new Readiness().add("store", () -> Future.failedFuture("down"))
                .add("hsm", () -> {
                    throw new IllegalStateException("token gone");
                })
                .add("ctLogList", () -> Future.succeededFuture(true)).evaluate());
        assertFalse(r.getBoolean("ready"));
        assertFalse(r.getJsonObject("checks").getBoolean("store"));
        assertFalse(r.getJsonObject("checks").getBoolean("hsm"));
        assertTrue(r.getJsonObject("checks").getBoolean("ctLogList"));
    }

    private static JsonObject await(Future<JsonObject> f) throws Exception {
        return f.toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    }
}
