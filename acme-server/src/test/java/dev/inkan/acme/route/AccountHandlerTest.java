package dev.inkan.acme.route;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.inkan.acme.AcmeServerTestBase;
import dev.inkan.acme.TestJws;
import dev.inkan.core.model.AccountStatus;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.List;
import org.jose4j.jwk.PublicJsonWebKey;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AccountHandlerTest extends AcmeServerTestBase {
    private PublicJsonWebKey key;
    private String kid;
    private String path;

    @BeforeEach
    void registerAccount() {
        key = TestJws.ecKey();
        kid = client.newAccount(key);
        path = client.pathOf(kid);
    }

    @Test
    void testSuccess_postAsGetShowsTheAccount() {
        HttpResponse<String> r = client.postAsGet(path, key, kid);

        assertEquals(200, r.statusCode());
        assertEquals("valid", json(r).getString("status"));
    }

    @Test
    void testSuccess_contactUpdateGoesToTheRa() {
        JsonObject update = new JsonObject().put("contact", new JsonArray().add("mailto:new@example.jp"));

        HttpResponse<String> r = client.postSigned(path, key, kid, update);

        assertEquals(200, r.statusCode());
        assertEquals(new JsonArray().add("mailto:new@example.jp"), json(r).getJsonArray("contact"));
    }

    @Test
    void testSuccess_deactivationGoesToTheRa() {
        HttpResponse<String> r = client.postSigned(path, key, kid, new JsonObject().put("status", "deactivated"));

        assertEquals(200, r.statusCode());
        assertEquals("deactivated", json(r).getString("status"));
        assertEquals(AccountStatus.DEACTIVATED, data.accounts.values().iterator().next().status());
    }

    @Test
    void testFailure_otherStatusIsMalformed() {
        assertProblem(client.postSigned(path, key, kid, new JsonObject().put("status", "valid")), 400, "malformed");
    }

    @Test
    void testFailure_anotherAccountsUrlIsUnauthorized() {
        PublicJsonWebKey other = TestJws.ecKey();
        String otherKid = client.newAccount(other);
        ra.calls.clear();

        assertProblem(client.postSigned(path, other, otherKid, new JsonObject().put("status", "deactivated")), 403,
                "unauthorized");
        assertEquals(List.of(), ra.calls);
    }

    @Test
    void testFailure_getIsMethodNotAllowed() {
        HttpResponse<String> r = client.get(path);

        assertProblem(r, 405, "malformed");
        assertEquals("POST", r.headers().firstValue("Allow").orElseThrow());
    }
}
