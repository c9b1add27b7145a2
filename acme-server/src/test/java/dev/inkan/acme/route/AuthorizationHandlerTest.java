package dev.inkan.acme.route;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.inkan.acme.AcmeServerTestBase;
import dev.inkan.acme.TestJws;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import org.jose4j.jwk.PublicJsonWebKey;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AuthorizationHandlerTest extends AcmeServerTestBase {
    private PublicJsonWebKey key;
    private String kid;
    private String plainAuthz;
    private String wildcardAuthz;

    @BeforeEach
    void createOrder() {
        key = TestJws.ecKey();
        kid = client.newAccount(key);
        JsonObject payload = new JsonObject().put("identifiers", new JsonArray()
                .add(new JsonObject().put("type", "dns").put("value", "www.example.jp"))
                .add(new JsonObject().put("type", "dns").put("value", "*.example.jp")));
        JsonArray authzs = json(client.postSigned("/acme/new-order", key, kid, payload)).getJsonArray("authorizations");
        plainAuthz = client.pathOf(authzs.getString(0));
        wildcardAuthz = client.pathOf(authzs.getString(1));
    }

    @Test
    void testSuccess_authorizationShowsIdentifierStatusAndChallenges() {
        HttpResponse<String> r = client.postAsGet(plainAuthz, key, kid);

        assertEquals(200, r.statusCode());
        JsonObject authz = json(r);
        assertEquals(new JsonObject().put("type", "dns").put("value", "www.example.jp"), authz.getJsonObject("identifier"));
        assertEquals("pending", authz.getString("status"));
        assertTrue(authz.containsKey("expires"));
        assertFalse(authz.containsKey("wildcard"));
        JsonObject challenge = authz.getJsonArray("challenges").getJsonObject(0);
        assertEquals("http-01", challenge.getString("type"));
        assertEquals("pending", challenge.getString("status"));
        assertTrue(challenge.getString("url").startsWith(BASE_URL + "/acme/chall/"));
        assertTrue(challenge.getString("token").startsWith("token-"));
    }

    @Test
    void testSuccess_wildcardAuthorizationIsMarkedAndNamesTheBaseDomain() {
        JsonObject authz = json(client.postAsGet(wildcardAuthz, key, kid));

        assertEquals("example.jp", authz.getJsonObject("identifier").getString("value"));
        assertTrue(authz.getBoolean("wildcard"));
    }

    @Test
    void testSuccess_deactivationGoesToTheRa() {
        HttpResponse<String> r = client.postSigned(plainAuthz, key, kid, new JsonObject().put("status", "deactivated"));

        assertEquals(200, r.statusCode());
        assertEquals("deactivated", json(r).getString("status"));
    }

    @Test
    void testFailure_otherUpdateIsMalformed() {
        assertProblem(client.postSigned(plainAuthz, key, kid, new JsonObject().put("status", "valid")), 400, "malformed");
    }

    @Test
    void testFailure_authorizationOfAnotherAccountIs404() {
        PublicJsonWebKey other = TestJws.ecKey();
        String otherKid = client.newAccount(other);

        assertProblem(client.postAsGet(plainAuthz, other, otherKid), 404, "malformed");
    }

    @Test
    void testFailure_getIsMethodNotAllowed() {
        assertProblem(client.get(plainAuthz), 405, "malformed");
    }
}
