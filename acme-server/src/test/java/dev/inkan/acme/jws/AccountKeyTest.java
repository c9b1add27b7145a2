package dev.inkan.acme.jws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.inkan.acme.TestJws;
import dev.inkan.acme.problem.ProblemException;
import io.vertx.core.json.JsonObject;
import org.jose4j.jwk.JsonWebKey;
import org.junit.jupiter.api.Test;

class AccountKeyTest {
    // RFC 7638 §3.1: the example RSA key and its SHA-256 thumbprint
    private static final JsonObject RFC7638_KEY = new JsonObject()
            .put("kty", "RSA")
            .put("n", "0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw")
            .put("e", "AQAB")
            .put("alg", "RS256")
            .put("kid", "2011-04-29");

    @Test
    void testSuccess_thumbprintIsRfc7638() {
        assertEquals("NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs", AccountKey.fromJwk(RFC7638_KEY).thumbprint());
    }

    @Test
    void testSuccess_storedFormHasNoPrivateParts() {
        var key = TestJws.ecKey();
        AccountKey parsed = AccountKey.fromJwk(new JsonObject(key.toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY)));

        assertFalse(parsed.toJson().containsKey("d"));
        assertEquals(parsed.thumbprint(), AccountKey.fromStored(parsed.json()).thumbprint());
    }

    @Test
    void testFailure_privateKeyMaterialIsRefused() {
        var key = TestJws.ecKey();
        JsonObject withPrivate = new JsonObject(key.toJson(JsonWebKey.OutputControlLevel.INCLUDE_PRIVATE));

        ProblemException e = assertThrows(ProblemException.class, () -> AccountKey.fromJwk(withPrivate));
        assertEquals("urn:ietf:params:acme:error:malformed", e.document().type());
    }

    @Test
    void testFailure_symmetricKeyIsBadPublicKey() {
        JsonObject oct = new JsonObject().put("kty", "oct").put("k", "AAECAwQFBgcICQoLDA0ODw");

        ProblemException e = assertThrows(ProblemException.class, () -> AccountKey.fromJwk(oct));
        assertEquals("urn:ietf:params:acme:error:badPublicKey", e.document().type());
    }

    @Test
    void testFailure_garbageIsMalformed() {
        ProblemException e = assertThrows(ProblemException.class,
                () -> AccountKey.fromJwk(new JsonObject().put("kty", "EC").put("crv", "P-256")));
        assertEquals("urn:ietf:params:acme:error:malformed", e.document().type());
    }
}
