package dev.inkan.acme.route;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.inkan.acme.AcmeServerTestBase;
import dev.inkan.acme.TestJws;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.List;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.lang.HashUtil;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class KeyChangeHandlerTest extends AcmeServerTestBase {
    private static final String KEY_CHANGE = "/acme/key-change";

    private PublicJsonWebKey oldKey;
    private PublicJsonWebKey newKey;
    private String kid;

    @BeforeEach
    void registerAccount() {
        oldKey = TestJws.ecKey();
        newKey = TestJws.ecKey();
        kid = client.newAccount(oldKey);
    }

    private TestJws inner(PublicJsonWebKey signer, String url, String account, PublicJsonWebKey old) {
        JsonObject payload = new JsonObject()
                .put("account", account)
                .put("oldKey", new JsonObject(old.toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY)));
        return TestJws.signedBy(signer).jwk().url(url).payload(payload);
    }

    private HttpResponse<String> rollover(TestJws inner) {
        return client.post(KEY_CHANGE, TestJws.signedBy(oldKey).kid(kid).payload(inner.flattenedJson()));
    }

    @Test
    void testSuccess_keyIsReplacedAndOnlyTheNewKeyWorks() throws Exception {
        HttpResponse<String> r = rollover(inner(newKey, client.url(KEY_CHANGE), kid, oldKey));

        assertEquals(200, r.statusCode(), r.body());
        assertEquals(List.of("newAccount", "changeKey"), ra.calls);
        String accountId = kid.substring(kid.lastIndexOf('/') + 1);
        assertEquals(newKey.calculateBase64urlEncodedThumbprint(HashUtil.SHA_256),
                data.accounts.get(accountId).keyThumbprint());
        assertEquals(200, client.postAsGet(client.pathOf(kid), newKey, kid).statusCode());
        assertProblem(client.postAsGet(client.pathOf(kid), oldKey, kid), 400, "malformed");
    }

    @Test
    void testFailure_innerUrlOtherThanOuterIsMalformed() {
        assertProblem(rollover(inner(newKey, client.url("/acme/new-account"), kid, oldKey)), 400, "malformed");
        assertEquals(List.of("newAccount"), ra.calls);
    }

    @Test
    void testFailure_innerJwsWithANonceIsMalformed() {
        TestJws withNonce = inner(newKey, client.url(KEY_CHANGE), kid, oldKey).nonce(client.nonce());

        JsonObject problem = assertProblem(rollover(withNonce), 400, "malformed");

        assertTrue(problem.getString("detail").contains("nonce"), problem.encode());
        assertEquals(List.of("newAccount"), ra.calls);
    }

    @Test
    void testFailure_innerSignedByAnotherKeyThanItsJwkIsMalformed() {
        TestJws forged = inner(TestJws.ecKey(), client.url(KEY_CHANGE), kid, oldKey).jwk(newKey);

        assertProblem(rollover(forged), 400, "malformed");
    }

    @Test
    void testFailure_wrongOldKeyIsMalformed() {
        assertProblem(rollover(inner(newKey, client.url(KEY_CHANGE), kid, TestJws.ecKey())), 400, "malformed");
    }

    @Test
    void testFailure_wrongAccountIsMalformed() {
        assertProblem(rollover(inner(newKey, client.url(KEY_CHANGE), BASE_URL + "/acme/acct/other", oldKey)), 400,
                "malformed");
    }

    @Test
    void testFailure_weakNewKeyIsBadPublicKey() {
        assertProblem(rollover(inner(TestJws.rsaKey(1024), client.url(KEY_CHANGE), kid, oldKey)), 400, "badPublicKey");
    }

    @Test
    void testFailure_keyOfAnotherAccountIsConflictWithItsLocation() {
        String otherKid = client.newAccount(newKey);

        HttpResponse<String> r = rollover(inner(newKey, client.url(KEY_CHANGE), kid, oldKey));

        assertProblem(r, 409, "malformed");
        assertEquals(otherKid, r.headers().firstValue("Location").orElseThrow());
    }
}
