package dev.inkan.acme.route;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.inkan.acme.AcmeServerTestBase;
import dev.inkan.acme.TestJws;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import org.jose4j.jwk.PublicJsonWebKey;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ChallengeHandlerTest extends AcmeServerTestBase {
    private PublicJsonWebKey key;
    private String kid;
    private String authzUrl;
    private String challengePath;

    @BeforeEach
    void createOrder() {
        key = TestJws.ecKey();
        kid = client.newAccount(key);
        JsonObject payload = new JsonObject().put("identifiers",
                new JsonArray().add(new JsonObject().put("type", "dns").put("value", "www.example.jp")));
        authzUrl = json(client.postSigned("/acme/new-order", key, kid, payload)).getJsonArray("authorizations").getString(0);
        JsonObject authz = json(client.postAsGet(client.pathOf(authzUrl), key, kid));
        challengePath = client.pathOf(authz.getJsonArray("challenges").getJsonObject(0).getString("url"));
    }

    @Test
    void testSuccess_emptyObjectStartsValidationAndLinksUp() {
        HttpResponse<String> r = client.postSigned(challengePath, key, kid, new JsonObject());

        assertEquals(200, r.statusCode(), r.body());
        assertEquals("processing", json(r).getString("status"));
        assertTrue(links(r).contains("<" + authzUrl + ">;rel=\"up\""));
        assertEquals("1", r.headers().firstValue("Retry-After").orElseThrow());
        String accountId = kid.substring(kid.lastIndexOf('/') + 1);
        assertEquals(accountId, ra.lastChallengeResponse.get().accountId());
        assertEquals(kid, ra.lastChallengeResponse.get().accountUrl());
    }

    @Test
    void testSuccess_emptyPayloadOnlyFetches() {
        HttpResponse<String> r = client.postAsGet(challengePath, key, kid);

        assertEquals(200, r.statusCode());
        assertEquals("pending", json(r).getString("status"));
        assertTrue(links(r).contains("<" + authzUrl + ">;rel=\"up\""));
        assertTrue(ra.calls.stream().noneMatch("respondToChallenge"::equals));
    }

    @Test
    void testFailure_unknownChallengeIs404() {
        String path = challengePath.substring(0, challengePath.lastIndexOf('/')) + "/zz";

        assertProblem(client.postSigned(path, key, kid, new JsonObject()), 404, "malformed");
    }

    @Test
    void testFailure_challengeOfAnotherAccountIs404() {
        PublicJsonWebKey other = TestJws.ecKey();
        String otherKid = client.newAccount(other);

        assertProblem(client.postSigned(challengePath, other, otherKid, new JsonObject()), 404, "malformed");
        assertTrue(ra.calls.stream().noneMatch("respondToChallenge"::equals));
    }
}
