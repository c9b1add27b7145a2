package dev.inkan.acme.route;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.inkan.acme.AcmeServerTestBase;
import dev.inkan.acme.TestJws;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.List;
import org.jose4j.jwk.PublicJsonWebKey;
import org.junit.jupiter.api.Test;

/** RFC 8555 §6.5 and §7.1: every answer, success or problem, carries a nonce and the index link. */
class AcmeHeadersTest extends AcmeServerTestBase {

    @Test
    void testSuccess_everyKindOfAnswerHasReplayNonceAndIndexLink() {
        PublicJsonWebKey key = TestJws.ecKey();
        String kid = client.newAccount(key);
        JsonObject order = new JsonObject().put("identifiers",
                new JsonArray().add(new JsonObject().put("type", "dns").put("value", "example.jp")));

        List<HttpResponse<String>> answers = List.of(
                client.get("/directory"),
                client.head("/acme/new-nonce"),
                client.get("/acme/new-nonce"),
                client.postSigned("/acme/new-order", key, kid, order),
                client.postAsGet(client.pathOf(kid), key, kid),
                client.get("/acme/order/x"),
                client.get("/no/such/path"),
                client.post("/acme/new-order", "text/plain", "hello"),
                client.post("/acme/new-order", "application/jose+json", "x".repeat(70 * 1024)),
                client.postAsGet("/acme/order/missing", key, kid));

        for (HttpResponse<String> r : answers) {
            String what = r.request().method() + " " + r.uri() + " -> " + r.statusCode();
            assertTrue(r.headers().firstValue("Replay-Nonce").isPresent(), what);
            assertTrue(links(r).contains("<" + BASE_URL + "/directory>;rel=\"index\""), what);
        }
    }

    @Test
    void testSuccess_postAnswersAreNotStored() {
        PublicJsonWebKey key = TestJws.ecKey();
        String kid = client.newAccount(key);

        HttpResponse<String> r = client.postAsGet(client.pathOf(kid), key, kid);

        assertEquals("no-store", r.headers().firstValue("Cache-Control").orElseThrow());
    }
}
