package dev.inkan.acme.route;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.inkan.acme.AcmeServerTestBase;
import dev.inkan.acme.TestJws;
import dev.inkan.core.model.Identifier;
import dev.inkan.core.model.Order;
import dev.inkan.core.model.OrderStatus;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.jose4j.jwk.PublicJsonWebKey;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FinalizeHandlerTest extends AcmeServerTestBase {
    private static final byte[] CSR = {0x30, 0x03, 0x02, 0x01, 0x00};

    private PublicJsonWebKey key;
    private String kid;

    @BeforeEach
    void registerAccountWithOrders() {
        key = TestJws.ecKey();
        kid = client.newAccount(key);
        data.put(order("ord-ready", OrderStatus.READY));
        data.put(order("ord-pending", OrderStatus.PENDING));
        data.put(order("ord-valid", OrderStatus.VALID));
    }

    private Order order(String id, OrderStatus status) {
        String accountId = kid.substring(kid.lastIndexOf('/') + 1);
        return new Order(id, accountId, status, clock.instant().plus(Duration.ofDays(7)),
                List.of(Identifier.dns("example.jp")), null, null, List.of("authz-1"), "dv", null, null,
                clock.instant(), null);
    }

    private static JsonObject csr(String text) {
        return new JsonObject().put("csr", text);
    }

    @Test
    void testSuccess_readyOrderGoesProcessingWithRetryAfter() {
        HttpResponse<String> r = client.postSigned("/acme/finalize/ord-ready", key, kid,
                csr(Base64.getUrlEncoder().withoutPadding().encodeToString(CSR)));

        assertEquals(200, r.statusCode(), r.body());
        assertEquals("processing", json(r).getString("status"));
        assertEquals(BASE_URL + "/acme/order/ord-ready", r.headers().firstValue("Location").orElseThrow());
        assertEquals("1", r.headers().firstValue("Retry-After").orElseThrow());
        assertArrayEquals(CSR, ra.lastCsr.get());
    }

    @Test
    void testFailure_csrNotBase64UrlIsBadCsr() {
        assertProblem(client.postSigned("/acme/finalize/ord-ready", key, kid, csr("MAMCAQA=")), 400, "badCSR");
        assertProblem(client.postSigned("/acme/finalize/ord-ready", key, kid, csr("not base64!")), 400, "badCSR");
        assertTrue(ra.calls.stream().noneMatch("finalizeOrder"::equals));
    }

    @Test
    void testFailure_missingCsrIsBadCsr() {
        assertProblem(client.postSigned("/acme/finalize/ord-ready", key, kid, new JsonObject()), 400, "badCSR");
    }

    @Test
    void testFailure_validOrderIsOrderNotReady() {
        assertProblem(client.postSigned("/acme/finalize/ord-valid", key, kid, csr("MAMCAQA")), 403, "orderNotReady");
        assertTrue(ra.calls.stream().noneMatch("finalizeOrder"::equals));
    }

    @Test
    void testSuccess_pendingOrderIsLeftToTheRaWhoseLastAuthorizationMayJustHaveTurnedValid() {
        HttpResponse<String> r = client.postSigned("/acme/finalize/ord-pending", key, kid,
                csr(Base64.getUrlEncoder().withoutPadding().encodeToString(CSR)));
        assertTrue(ra.calls.stream().anyMatch("finalizeOrder"::equals), r.body());
    }

    @Test
    void testFailure_orderOfAnotherAccountIs404() {
        PublicJsonWebKey other = TestJws.ecKey();
        String otherKid = client.newAccount(other);

        assertProblem(client.postSigned("/acme/finalize/ord-ready", other, otherKid, csr("MAMCAQA")), 404, "malformed");
    }
}
