package dev.inkan.acme.route;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.inkan.acme.AcmeServerTestBase;
import dev.inkan.acme.TestJws;
import dev.inkan.core.error.ErrorKind;
import dev.inkan.core.error.Problem;
import dev.inkan.core.model.Identifier;
import dev.inkan.core.model.Order;
import dev.inkan.core.model.OrderStatus;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jose4j.jwk.PublicJsonWebKey;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OrderHandlerTest extends AcmeServerTestBase {
    private PublicJsonWebKey key;
    private String kid;

    @BeforeEach
    void registerAccount() {
        key = TestJws.ecKey();
        kid = client.newAccount(key);
    }

    private HttpResponse<String> newOrder(JsonObject payload) {
        return client.postSigned("/acme/new-order", key, kid, payload);
    }

    private static JsonObject identifiers(String... names) {
        JsonArray ids = new JsonArray();
        for (String n : names) {
            ids.add(new JsonObject().put("type", "dns").put("value", n));
        }
        return new JsonObject().put("identifiers", ids);
    }

    @Test
    void testSuccess_newOrderIs201WithLocationAndOrderJson() {
        HttpResponse<String> r = newOrder(identifiers("example.jp", "*.example.jp")
                .put("notAfter", "2026-07-01T09:00:00+09:00").put("profile", "dv"));

        assertEquals(201, r.statusCode(), r.body());
        JsonObject order = json(r);
        String location = r.headers().firstValue("Location").orElseThrow();
        assertTrue(location.startsWith(BASE_URL + "/acme/order/"));
        assertEquals("pending", order.getString("status"));
        assertEquals("*.example.jp", order.getJsonArray("identifiers").getJsonObject(1).getString("value"));
        assertEquals("2026-07-01T00:00:00Z", order.getString("notAfter"));
        assertFalse(order.containsKey("notBefore"));
        assertEquals(2, order.getJsonArray("authorizations").size());
        assertTrue(order.getJsonArray("authorizations").getString(0).startsWith(BASE_URL + "/acme/authz/"));
        assertEquals(BASE_URL + "/acme/finalize/" + location.substring(location.lastIndexOf('/') + 1),
                order.getString("finalize"));
        assertEquals("dv", order.getString("profile"));
        assertNull(order.getString("certificate"));
        assertEquals(Instant.parse("2026-07-01T00:00:00Z"), ra.lastNewOrder.get().notAfter());
    }

    @Test
    void testFailure_emptyIdentifiersIsMalformed() {
        assertProblem(newOrder(new JsonObject().put("identifiers", new JsonArray())), 400, "malformed");
    }

    @Test
    void testFailure_badTimestampIsMalformed() {
        assertProblem(newOrder(identifiers("example.jp").put("notBefore", "tomorrow")), 400, "malformed");
    }

    @Test
    void testSuccess_postAsGetShowsOwnOrder() {
        String path = client.pathOf(newOrder(identifiers("example.jp")).headers().firstValue("Location").orElseThrow());

        HttpResponse<String> r = client.postAsGet(path, key, kid);

        assertEquals(200, r.statusCode());
        assertEquals("pending", json(r).getString("status"));
    }

    @Test
    void testFailure_orderOfAnotherAccountIs404() {
        String path = client.pathOf(newOrder(identifiers("example.jp")).headers().firstValue("Location").orElseThrow());
        PublicJsonWebKey other = TestJws.ecKey();
        String otherKid = client.newAccount(other);

        JsonObject problem = assertProblem(client.postAsGet(path, other, otherKid), 404, "malformed");

        assertTrue(problem.getString("detail").endsWith("not found"));
    }

    @Test
    void testFailure_unknownOrderIs404() {
        assertProblem(client.postAsGet("/acme/order/nope", key, kid), 404, "malformed");
    }

    @Test
    void testFailure_getOnOrderIs405WithAllow() {
        HttpResponse<String> r = client.get("/acme/order/whatever");

        assertProblem(r, 405, "malformed");
        assertEquals("POST", r.headers().firstValue("Allow").orElseThrow());
    }

    @Test
    void testSuccess_processingOrderCarriesRetryAfter() {
        data.put(order("ord-p", OrderStatus.PROCESSING, null, null));

        HttpResponse<String> r = client.postAsGet("/acme/order/ord-p", key, kid);

        assertEquals("processing", json(r).getString("status"));
        assertEquals("1", r.headers().firstValue("Retry-After").orElseThrow());
    }

    @Test
    void testSuccess_validOrderLinksItsCertificate() {
        data.put(order("ord-v", OrderStatus.VALID, null, "1a2b"));

        JsonObject order = json(client.postAsGet("/acme/order/ord-v", key, kid));

        assertEquals(BASE_URL + "/acme/cert/1a2b", order.getString("certificate"));
    }

    @Test
    void testSuccess_invalidOrderShowsItsError() {
        Problem caa = Problem.of(ErrorKind.CAA, "CAA forbids issuance for example.jp");
        data.put(order("ord-i", OrderStatus.INVALID, caa, null));

        JsonObject error = json(client.postAsGet("/acme/order/ord-i", key, kid)).getJsonObject("error");

        assertEquals("urn:ietf:params:acme:error:caa", error.getString("type"));
        assertEquals(403, error.getInteger("status"));
    }

    @Test
    void testSuccess_pendingOrderPastExpiryShowsInvalid() {
        data.put(order("ord-e", OrderStatus.PENDING, null, null));
        clock.advance(Duration.ofDays(8));

        assertEquals("invalid", json(client.postAsGet("/acme/order/ord-e", key, kid)).getString("status"));
    }

    @Test
    void testFailure_nonEmptyPayloadOnOrderIsMalformed() {
        assertProblem(client.postSigned("/acme/order/x", key, kid, new JsonObject()), 400, "malformed");
    }

    private Order order(String id, OrderStatus status, Problem error, String serial) {
        String accountId = kid.substring(kid.lastIndexOf('/') + 1);
        Instant now = clock.instant();
        return new Order(id, accountId, status, now.plus(Duration.ofDays(7)), List.of(Identifier.dns("example.jp")),
                null, null, List.of("authz-1"), "dv", error, serial, now, now);
    }
}
