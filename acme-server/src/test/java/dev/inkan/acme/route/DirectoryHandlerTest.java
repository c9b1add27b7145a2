package dev.inkan.acme.route;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.inkan.acme.AcmeServerTestBase;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

class DirectoryHandlerTest extends AcmeServerTestBase {

    @Test
    void testSuccess_directoryNamesEveryResource() {
        HttpResponse<String> r = client.get("/directory");

        assertEquals(200, r.statusCode());
        assertEquals("application/json", r.headers().firstValue("Content-Type").orElseThrow());
        JsonObject dir = json(r);
        assertEquals(BASE_URL + "/acme/new-nonce", dir.getString("newNonce"));
        assertEquals(BASE_URL + "/acme/new-account", dir.getString("newAccount"));
        assertEquals(BASE_URL + "/acme/new-order", dir.getString("newOrder"));
        assertEquals(BASE_URL + "/acme/revoke-cert", dir.getString("revokeCert"));
        assertEquals(BASE_URL + "/acme/key-change", dir.getString("keyChange"));
    }

    @Test
    void testSuccess_directoryMetaCarriesTermsWebsiteCaaAndEab() {
        JsonObject meta = json(client.get("/directory")).getJsonObject("meta");

        assertEquals(TERMS, meta.getString("termsOfService"));
        assertEquals("https://acme.test/", meta.getString("website"));
        assertEquals(new JsonArray().add("jprs.jp"), meta.getJsonArray("caaIdentities"));
        assertFalse(meta.getBoolean("externalAccountRequired"));
    }

    @Test
    void testFailure_postToDirectoryIsMethodNotAllowed() {
        HttpResponse<String> r = client.post("/directory", "application/jose+json", "{}");

        assertProblem(r, 405, "malformed");
        assertEquals("GET", r.headers().firstValue("Allow").orElseThrow());
    }
}
