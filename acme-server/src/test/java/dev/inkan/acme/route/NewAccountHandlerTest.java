package dev.inkan.acme.route;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.inkan.acme.AcmeServerTestBase;
import dev.inkan.acme.TestJws;
import dev.inkan.core.model.AccountStatus;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.lang.HashUtil;
import org.junit.jupiter.api.Test;

class NewAccountHandlerTest extends AcmeServerTestBase {
    private static final String NEW_ACCOUNT = "/acme/new-account";

    private HttpResponse<String> register(PublicJsonWebKey key, JsonObject payload) {
        return client.post(NEW_ACCOUNT, TestJws.signedBy(key).jwk().payload(payload));
    }

    private static JsonObject agreed() {
        return new JsonObject().put("termsOfServiceAgreed", true);
    }

    @Test
    void testSuccess_newKeyCreatesAccount201() throws Exception {
        PublicJsonWebKey key = TestJws.ecKey();

        HttpResponse<String> r = register(key, agreed().put("contact", new JsonArray().add("mailto:ops@example.jp")));

        assertEquals(201, r.statusCode(), r.body());
        String location = r.headers().firstValue("Location").orElseThrow();
        assertTrue(location.startsWith(BASE_URL + "/acme/acct/"));
        JsonObject account = json(r);
        assertEquals("valid", account.getString("status"));
        assertEquals(new JsonArray().add("mailto:ops@example.jp"), account.getJsonArray("contact"));
        assertTrue(account.getBoolean("termsOfServiceAgreed"));
        assertEquals(location + "/orders", account.getString("orders"));
        assertEquals(key.calculateBase64urlEncodedThumbprint(HashUtil.SHA_256), ra.lastNewAccount.get().keyThumbprint());
    }

    @Test
    void testSuccess_sameKeyAgainReturnsTheAccount200() {
        PublicJsonWebKey key = TestJws.ecKey();
        String location = register(key, agreed()).headers().firstValue("Location").orElseThrow();

        HttpResponse<String> again = register(key, agreed());

        assertEquals(200, again.statusCode());
        assertEquals(location, again.headers().firstValue("Location").orElseThrow());
        assertEquals(1, data.accounts.size());
    }

    @Test
    void testSuccess_onlyReturnExistingFindsTheAccount() {
        PublicJsonWebKey key = TestJws.ecKey();
        String location = register(key, agreed()).headers().firstValue("Location").orElseThrow();

        HttpResponse<String> r = register(key, new JsonObject().put("onlyReturnExisting", true));

        assertEquals(200, r.statusCode());
        assertEquals(location, r.headers().firstValue("Location").orElseThrow());
    }

    @Test
    void testFailure_onlyReturnExistingWithUnknownKeyIsAccountDoesNotExist() {
        assertProblem(register(TestJws.ecKey(), new JsonObject().put("onlyReturnExisting", true)), 400,
                "accountDoesNotExist");
        assertTrue(data.accounts.isEmpty());
    }

    @Test
    void testSuccess_ed25519AndRsaAndP384KeysAreAccepted() {
        assertEquals(201, register(TestJws.ed25519Key(), agreed()).statusCode());
        assertEquals(201, register(TestJws.rsaKey(2048), agreed()).statusCode());
        assertEquals(201, register(TestJws.ecP384Key(), agreed()).statusCode());
    }

    @Test
    void testFailure_contactThatIsNotAnArrayIsMalformed() {
        assertProblem(register(TestJws.ecKey(), agreed().put("contact", "mailto:ops@example.jp")), 400, "malformed");
        assertTrue(ra.calls.isEmpty());
    }

    @Test
    void testFailure_termsNotAgreedIsMalformed() {
        JsonObject problem = assertProblem(register(TestJws.ecKey(), new JsonObject()), 400, "malformed");

        assertTrue(problem.getString("detail").contains(TERMS));
        assertTrue(ra.calls.isEmpty());
    }

    @Test
    void testSuccess_termsAreNotAskedAgainOfAnExistingAccount() {
        PublicJsonWebKey key = TestJws.ecKey();
        register(key, agreed());

        assertEquals(200, register(key, new JsonObject()).statusCode());
    }

    @Test
    void testFailure_deactivatedAccountKeyIsUnauthorized() {
        PublicJsonWebKey key = TestJws.ecKey();
        String location = register(key, agreed()).headers().firstValue("Location").orElseThrow();
        String id = location.substring(location.lastIndexOf('/') + 1);
        data.put(data.accounts.get(id).withStatus(AccountStatus.DEACTIVATED));

        assertProblem(register(key, agreed()), 403, "unauthorized");
    }

    @Test
    void testSuccess_noEabWhenNotRequired() {
        register(TestJws.ecKey(), agreed());

        assertNull(ra.lastNewAccount.get().eabKeyId());
        assertFalse(ra.lastNewAccount.get().onlyReturnExisting());
    }
}
