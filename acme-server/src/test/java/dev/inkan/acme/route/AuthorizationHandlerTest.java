package dev.inkan.acme.route;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.inkan.acme.AcmeServerTestBase;
import dev.inkan.acme.TestJws;
import dev.inkan.core.model.Authorization;
import dev.inkan.core.model.Challenge;
import dev.inkan.core.model.ChallengeStatus;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.List;
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
    void testSuccess_pollOfAValidationLostWithItsFrontEndAsksTheRaToRunItAgain() {
        String challengeId = processingUntil(clock.instant().minusSeconds(1));

        assertEquals(200, client.postAsGet(plainAuthz, key, kid).statusCode());

        assertEquals(challengeId, ra.lastChallengeResponse.get().challengeId());
    }

    @Test
    void testSuccess_pollOfAValidationStillDueOnlyShowsIt() {
        processingUntil(clock.instant().plusSeconds(1));

        JsonObject authz = json(client.postAsGet(plainAuthz, key, kid));

        assertEquals("processing", authz.getJsonArray("challenges").getJsonObject(0).getString("status"));
        assertEquals(null, ra.lastChallengeResponse.get());
    }

    /** Puts the plain authorization's first challenge in PROCESSING, its outcome due by {@code until}. */
    private String processingUntil(java.time.Instant until) {
        Authorization a = data.authorizations.get(plainAuthz.substring(plainAuthz.lastIndexOf('/') + 1));
        Challenge c = a.challenges().get(0);
        List<Challenge> challenges = new java.util.ArrayList<>(a.challenges());
        challenges.set(0, new Challenge(c.id(), c.type(), c.token(), ChallengeStatus.PROCESSING, null, null, List.of(),
                null, null, until));
        data.put(new Authorization(a.id(), a.accountId(), a.identifier(), a.wildcard(), a.status(), a.expires(),
                challenges, a.createdAt()));
        return c.id();
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
