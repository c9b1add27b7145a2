package dev.inkan.ct;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class LogListTest {
    private static JsonObject log(byte[] key, String urlField, String url) {
        return new JsonObject().put("description", "Test Log").put("key", Base64.getEncoder().encodeToString(key))
                .put("log_id", Base64.getEncoder().encodeToString(LogEntry.sha256(key))).put(urlField, url)
                .put("mmd", 86400).put("state", new JsonObject().put("qualified", new JsonObject()
                        .put("timestamp", "2026-01-01T00:00:00Z")))
                .put("temporal_interval", new JsonObject().put("start_inclusive", "2026-07-01T00:00:00Z")
                        .put("end_exclusive", "2027-01-01T00:00:00Z"));
    }

    @Test
    void testSuccess_v3OperatorsLogsAndTiledLogsAreRead() throws Exception {
        byte[] k1 = TestCertificates.ec().getPublic().getEncoded();
        byte[] k2 = TestCertificates.ec().getPublic().getEncoded();
        JsonObject json = new JsonObject().put("version", "1").put("operators", new JsonArray().add(new JsonObject()
                .put("name", "Op").put("logs", new JsonArray().add(log(k1, "url", "https://ct.example/log")))
                .put("tiled_logs", new JsonArray().add(log(k2, "submission_url", "https://ct.example/tiled/")))));

        LogList list = LogList.parse(json);

        assertEquals(2, list.logs().size());
        CtLog rfc = list.logs().get(0);
        assertEquals("Op", rfc.operator());
        assertEquals("https://ct.example/log/", rfc.submissionUrl());
        assertEquals(LogState.QUALIFIED, rfc.state());
        assertEquals(Instant.parse("2026-07-01T00:00:00Z"), rfc.intervalStart());
        assertTrue(list.logs().get(1).tiled());
        assertTrue(rfc.acceptsExpiry(Instant.parse("2026-12-31T23:59:59Z")));
        assertTrue(!rfc.acceptsExpiry(Instant.parse("2027-01-01T00:00:00Z")));
    }

    @Test
    void testFailure_logIdThatIsNotTheKeyHashIsRefused() throws Exception {
        JsonObject bad = log(TestCertificates.ec().getPublic().getEncoded(), "url", "https://x/");
        bad.put("log_id", Base64.getEncoder().encodeToString(new byte[32]));
        JsonObject json = new JsonObject().put("operators", new JsonArray().add(new JsonObject().put("name", "Op")
                .put("logs", new JsonArray().add(bad))));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LogList.parse(json));
        assertTrue(e.getMessage().contains("log_id"), e.getMessage());
    }

    @Test
    void testLogState_unknownStateSkipsThatLogNotTheList() throws Exception {
        byte[] k1 = TestCertificates.ec().getPublic().getEncoded();
        byte[] k2 = TestCertificates.ec().getPublic().getEncoded();
        JsonObject future = log(k2, "url", "https://ct.example/future/");
        future.put("state", new JsonObject().put("probationary", new JsonObject().put("timestamp", "2026-01-01T00:00:00Z")));
        JsonObject json = new JsonObject().put("operators", new JsonArray().add(new JsonObject().put("name", "Op")
                .put("logs", new JsonArray().add(log(k1, "url", "https://ct.example/log")).add(future))));

        LogList list = LogList.parse(json);

        assertEquals(1, list.logs().size());
        assertEquals("https://ct.example/log/", list.logs().get(0).submissionUrl());
    }
}
