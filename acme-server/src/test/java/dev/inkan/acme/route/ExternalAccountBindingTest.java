package dev.inkan.acme.route;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.inkan.acme.AcmeServerConfig;
import dev.inkan.acme.AcmeServerTestBase;
import dev.inkan.acme.TestJws;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.Base64;
import java.util.Map;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.keys.HmacKey;
import org.junit.jupiter.api.Test;

/** RFC 8555 §7.3.4 with meta.externalAccountRequired set. */
class ExternalAccountBindingTest extends AcmeServerTestBase {
    private static final String NEW_ACCOUNT = "/acme/new-account";
    private static final byte[] MAC_KEY = "a-32-byte-mac-key-for-reseller-1".getBytes();
    private static final String KID = "reseller-1";

    @Override
    protected AcmeServerConfig config() {
        return super.config().withExternalAccountBinding(true,
                Map.of(KID, Base64.getUrlEncoder().withoutPadding().encodeToString(MAC_KEY)));
    }

    private JsonObject binding(String kid, byte[] macKey, String url, PublicJsonWebKey accountKey) {
        return TestJws.macedWith(new HmacKey(macKey), "HS256")
                .kid(kid)
                .url(url)
                .payload(accountKey.toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY))
                .flattenedJson();
    }

    private HttpResponse<String> register(PublicJsonWebKey key, JsonObject eab) {
        JsonObject payload = new JsonObject().put("termsOfServiceAgreed", true);
        if (eab != null) {
            payload.put("externalAccountBinding", eab);
        }
        return client.post(NEW_ACCOUNT, TestJws.signedBy(key).jwk().payload(payload));
    }

    @Test
    void testSuccess_directorySaysEabIsRequired() {
        assertTrue(json(client.get("/directory")).getJsonObject("meta").getBoolean("externalAccountRequired"));
    }

    @Test
    void testFailure_missingBindingIsExternalAccountRequired() {
        assertProblem(register(TestJws.ecKey(), null), 403, "externalAccountRequired");
        assertTrue(ra.calls.isEmpty());
    }

    @Test
    void testSuccess_validBindingCreatesTheAccountWithItsKeyId() {
        PublicJsonWebKey key = TestJws.ecKey();

        HttpResponse<String> r = register(key, binding(KID, MAC_KEY, client.url(NEW_ACCOUNT), key));

        assertEquals(201, r.statusCode(), r.body());
        assertEquals(KID, ra.lastNewAccount.get().eabKeyId());
    }

    @Test
    void testFailure_wrongMacKeyIsUnauthorized() {
        PublicJsonWebKey key = TestJws.ecKey();
        byte[] wrong = "another-32-byte-mac-key-entirely".getBytes();

        assertProblem(register(key, binding(KID, wrong, client.url(NEW_ACCOUNT), key)), 403, "unauthorized");
    }

    @Test
    void testFailure_unknownKeyIdIsUnauthorized() {
        PublicJsonWebKey key = TestJws.ecKey();

        assertProblem(register(key, binding("nobody", MAC_KEY, client.url(NEW_ACCOUNT), key)), 403, "unauthorized");
    }

    @Test
    void testFailure_bindingOfAnotherKeyIsMalformed() {
        PublicJsonWebKey key = TestJws.ecKey();

        assertProblem(register(key, binding(KID, MAC_KEY, client.url(NEW_ACCOUNT), TestJws.ecKey())), 400, "malformed");
    }

    @Test
    void testFailure_bindingForAnotherUrlIsMalformed() {
        PublicJsonWebKey key = TestJws.ecKey();

        assertProblem(register(key, binding(KID, MAC_KEY, client.url("/acme/new-order"), key)), 400, "malformed");
    }

    @Test
    void testSuccess_existingAccountIsFoundWithoutBinding() {
        PublicJsonWebKey key = TestJws.ecKey();
        register(key, binding(KID, MAC_KEY, client.url(NEW_ACCOUNT), key));

        assertEquals(200, register(key, null).statusCode());
    }

    @Test
    void testSuccess_keyIssuedOnVettingApprovalBindsTheAccount() {
        byte[] mac = "a-32-byte-mac-key-for-org-vetted".getBytes();
        data.issuedKeys.put("kid-org", new dev.inkan.core.vetting.ExternalAccountKey("kid-org",
                Base64.getUrlEncoder().withoutPadding().encodeToString(mac), "org-1", true, clock.instant(), true));
        PublicJsonWebKey key = TestJws.ecKey();

        HttpResponse<String> r = register(key, binding("kid-org", mac, client.url(NEW_ACCOUNT), key));

        assertEquals(201, r.statusCode(), r.body());
        assertEquals("kid-org", ra.lastNewAccount.get().eabKeyId());
    }

    @Test
    void testFailure_suspendedIssuedKeyBindsNoAccount() {
        byte[] mac = "a-32-byte-mac-key-for-org-vetted".getBytes();
        data.issuedKeys.put("kid-org", new dev.inkan.core.vetting.ExternalAccountKey("kid-org",
                Base64.getUrlEncoder().withoutPadding().encodeToString(mac), "org-1", false, clock.instant(), true));
        PublicJsonWebKey key = TestJws.ecKey();

        HttpResponse<String> r = register(key, binding("kid-org", mac, client.url(NEW_ACCOUNT), key));

        assertProblem(r, 403, "unauthorized");
        assertTrue(r.body().contains("suspended"), r.body());
    }
}
