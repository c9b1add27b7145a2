package dev.inkan.acme.route;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.inkan.acme.AcmeServerTestBase;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

class NonceHandlerTest extends AcmeServerTestBase {

    @Test
    void testSuccess_headGives200WithNonceAndNoStore() {
        HttpResponse<String> r = client.head("/acme/new-nonce");

        assertEquals(200, r.statusCode());
        assertTrue(r.headers().firstValue("Replay-Nonce").orElseThrow().matches("[A-Za-z0-9_-]{22,}"));
        assertEquals("no-store", r.headers().firstValue("Cache-Control").orElseThrow());
    }

    @Test
    void testSuccess_getGives204WithNonceAndNoStore() {
        HttpResponse<String> r = client.get("/acme/new-nonce");

        assertEquals(204, r.statusCode());
        assertTrue(r.headers().firstValue("Replay-Nonce").isPresent());
        assertEquals("no-store", r.headers().firstValue("Cache-Control").orElseThrow());
    }

    @Test
    void testSuccess_everyNonceIsFresh() {
        assertNotEquals(client.nonce(), client.nonce());
    }

    @Test
    void testFailure_postToNewNonceIsMethodNotAllowed() {
        HttpResponse<String> r = client.post("/acme/new-nonce", "application/jose+json", "{}");

        assertProblem(r, 405, "malformed");
        assertEquals("GET, HEAD", r.headers().firstValue("Allow").orElseThrow());
    }
}
