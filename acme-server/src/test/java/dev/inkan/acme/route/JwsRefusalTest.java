package dev.inkan.acme.route;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.inkan.acme.AcmeServerTestBase;
import dev.inkan.acme.TestJws;
import dev.inkan.core.model.AccountStatus;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.keys.HmacKey;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every way a JWS is refused (RFC 8555 §6.2-§6.5), each with its problem, and none reaching the RA. */
class JwsRefusalTest extends AcmeServerTestBase {
    private static final String NEW_ORDER = "/acme/new-order";
    private static final JsonObject ORDER = new JsonObject()
            .put("identifiers", new JsonArray().add(new JsonObject().put("type", "dns").put("value", "example.jp")));

    private PublicJsonWebKey key;
    private String kid;

    @BeforeEach
    void registerAccount() {
        key = TestJws.ecKey();
        kid = client.newAccount(key);
        ra.calls.clear();
    }

    private TestJws order() {
        return TestJws.signedBy(key).kid(kid).payload(ORDER);
    }

    private void assertRaUntouched() {
        assertEquals(List.of(), ra.calls);
    }

    @Test
    void testSuccess_aWellFormedRequestPasses() {
        assertEquals(201, client.post(NEW_ORDER, order()).statusCode());
        assertEquals(List.of("newOrder"), ra.calls);
    }

    @Test
    void testFailure_algNoneIsBadSignatureAlgorithm() {
        JsonObject problem = assertProblem(client.post(NEW_ORDER, order().alg("none")), 400, "badSignatureAlgorithm");

        assertEquals(new JsonArray().add("ES256").add("ES384").add("RS256").add("EdDSA"), problem.getJsonArray("algorithms"));
        assertRaUntouched();
    }

    @Test
    void testFailure_unencodedPayloadOptionB64IsMalformed() {
        // RFC 8555 §6.2: the RFC 7797 option must not be used, whatever its value
        TestJws jws = order().header("b64", true).header("crit", List.of("b64"));

        JsonObject problem = assertProblem(client.post(NEW_ORDER, jws), 400, "malformed");

        assertTrue(problem.getString("detail").contains("b64"), problem.encode());
        assertRaUntouched();
    }

    @Test
    void testFailure_hs256IsBadSignatureAlgorithm() {
        TestJws jws = TestJws.macedWith(new HmacKey("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII)), "HS256")
                .kid(kid).payload(ORDER);

        JsonObject problem = assertProblem(client.post(NEW_ORDER, jws), 400, "badSignatureAlgorithm");

        assertTrue(problem.getJsonArray("algorithms").contains("ES256"));
        assertRaUntouched();
    }

    @Test
    void testFailure_reusedNonceIsBadNonceWithAFreshNonce() {
        String nonce = client.nonce();
        assertEquals(201, client.post(NEW_ORDER, order().nonce(nonce)).statusCode());
        ra.calls.clear();

        HttpResponse<String> r = client.post(NEW_ORDER, order().nonce(nonce));

        assertProblem(r, 400, "badNonce");
        String fresh = r.headers().firstValue("Replay-Nonce").orElseThrow();
        assertNotEquals(nonce, fresh);
        assertEquals(201, client.post(NEW_ORDER, order().nonce(fresh)).statusCode());
    }

    @Test
    void testFailure_forgedNonceIsBadNonce() {
        assertProblem(client.post(NEW_ORDER, order().nonce("AAAAAAAAAAAAAAAAAAAAAA")), 400, "badNonce");
        assertRaUntouched();
    }

    @Test
    void testFailure_missingNonceIsBadNonce() {
        JsonObject jws = order().url(client.url(NEW_ORDER)).flattenedJson();

        assertProblem(client.post(NEW_ORDER, "application/jose+json", jws.encode()), 400, "badNonce");
        assertRaUntouched();
    }

    @Test
    void testFailure_expiredNonceIsBadNonce() {
        String nonce = client.nonce();
        clock.advance(Duration.ofHours(2));

        assertProblem(client.post(NEW_ORDER, order().nonce(nonce)), 400, "badNonce");
        assertRaUntouched();
    }

    @Test
    void testFailure_wrongUrlIsUnauthorized() {
        assertProblem(client.post(NEW_ORDER, order().url(BASE_URL + "/acme/new-account")), 403, "unauthorized");
        assertRaUntouched();
    }

    @Test
    void testFailure_bothJwkAndKidIsMalformed() {
        assertProblem(client.post(NEW_ORDER, order().jwk()), 400, "malformed");
        assertRaUntouched();
    }

    @Test
    void testFailure_unknownKidIsAccountDoesNotExist() {
        TestJws jws = TestJws.signedBy(key).kid(BASE_URL + "/acme/acct/acct9999").payload(ORDER);

        assertProblem(client.post(NEW_ORDER, jws), 400, "accountDoesNotExist");
        assertRaUntouched();
    }

    @Test
    void testFailure_kidOutsideOurAccountsIsAccountDoesNotExist() {
        TestJws jws = TestJws.signedBy(key).kid("https://elsewhere.test/acme/acct/1").payload(ORDER);

        assertProblem(client.post(NEW_ORDER, jws), 400, "accountDoesNotExist");
    }

    @Test
    void testFailure_deactivatedAccountIsUnauthorized() {
        String id = kid.substring(kid.lastIndexOf('/') + 1);
        data.put(data.accounts.get(id).withStatus(AccountStatus.DEACTIVATED));

        assertProblem(client.post(NEW_ORDER, order()), 403, "unauthorized");
        assertRaUntouched();
    }

    @Test
    void testFailure_bodyOverTheLimitIsMalformed413() {
        String huge = "x".repeat(70 * 1024);
        TestJws jws = order().payload(ORDER.copy().put("padding", huge));

        assertProblem(client.post(NEW_ORDER, jws), 413, "malformed");
        assertRaUntouched();
    }

    @Test
    void testFailure_compactSerializationIsMalformed() {
        TestJws jws = order().url(client.url(NEW_ORDER)).nonce(client.nonce());

        assertProblem(client.post(NEW_ORDER, "application/jose+json", jws.compact()), 400, "malformed");
        assertRaUntouched();
    }

    @Test
    void testFailure_generalSerializationIsMalformed() {
        JsonObject flat = order().url(client.url(NEW_ORDER)).nonce(client.nonce()).flattenedJson();
        JsonObject general = new JsonObject().put("payload", flat.getString("payload")).put("signatures",
                new JsonArray().add(new JsonObject()
                        .put("protected", flat.getString("protected"))
                        .put("signature", flat.getString("signature"))));

        assertProblem(client.post(NEW_ORDER, "application/jose+json", general.encode()), 400, "malformed");
        assertRaUntouched();
    }

    @Test
    void testFailure_wrongContentTypeIsMalformed415() {
        String body = order().url(client.url(NEW_ORDER)).nonce(client.nonce()).flattened();

        assertProblem(client.post(NEW_ORDER, "application/json", body), 415, "malformed");
        assertRaUntouched();
    }

    @Test
    void testFailure_rsa1024KeyIsBadPublicKey() {
        PublicJsonWebKey weak = TestJws.rsaKey(1024);
        TestJws jws = TestJws.signedBy(weak).jwk().payload(new JsonObject().put("termsOfServiceAgreed", true));

        assertProblem(client.post("/acme/new-account", jws), 400, "badPublicKey");
        assertRaUntouched();
    }

    @Test
    void testFailure_p521KeyIsBadPublicKey() {
        TestJws jws = TestJws.signedBy(TestJws.ecP521Key()).alg("ES256").jwk().payload(new JsonObject());

        assertProblem(client.post("/acme/new-account", jws), 400, "badPublicKey");
        assertRaUntouched();
    }

    @Test
    void testFailure_es512IsBadSignatureAlgorithm() {
        TestJws jws = TestJws.signedBy(TestJws.ecP521Key()).alg("ES512").jwk().payload(new JsonObject());

        assertProblem(client.post("/acme/new-account", jws), 400, "badSignatureAlgorithm");
    }

    @Test
    void testFailure_algorithmThatDoesNotFitTheKeyIsBadSignatureAlgorithm() {
        assertProblem(client.post(NEW_ORDER, order().alg("ES384")), 400, "badSignatureAlgorithm");
        assertRaUntouched();
    }

    @Test
    void testFailure_signatureByAnotherKeyIsMalformed() {
        TestJws jws = TestJws.signedBy(TestJws.ecKey()).kid(kid).payload(ORDER);

        assertProblem(client.post(NEW_ORDER, jws), 400, "malformed");
        assertRaUntouched();
    }

    @Test
    void testFailure_refusedRequestLeavesItsNonceUnspent() {
        String nonce = client.nonce();
        assertProblem(client.post(NEW_ORDER, order().nonce(nonce).url(BASE_URL + "/wrong")), 403, "unauthorized");

        assertEquals(201, client.post(NEW_ORDER, order().nonce(nonce)).statusCode());
    }

    @Test
    void testFailure_kidOnNewAccountIsMalformed() {
        TestJws jws = TestJws.signedBy(key).kid(kid).payload(new JsonObject());

        assertProblem(client.post("/acme/new-account", jws), 400, "malformed");
    }

    @Test
    void testFailure_jwkOnNewOrderIsMalformed() {
        TestJws jws = TestJws.signedBy(key).jwk().payload(ORDER);

        assertProblem(client.post(NEW_ORDER, jws), 400, "malformed");
        assertRaUntouched();
    }
}
