package dev.inkan.ra.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.inkan.ra.fake.TestKeys;
import java.security.PublicKey;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.PublicJsonWebKey;
import org.junit.jupiter.api.Test;

class JwkThumbprintTest {

    private static String jose4j(PublicKey key) throws Exception {
        return PublicJsonWebKey.Factory.newPublicJwk(key).calculateBase64urlEncodedThumbprint("SHA-256");
    }

    @Test
    void testSuccess_matchesJose4jForRsaAndEcKeys() throws Exception {
        for (PublicKey key : new PublicKey[] {TestKeys.rsa(2048).getPublic(), TestKeys.ec("secp256r1").getPublic(),
                TestKeys.ec("secp384r1").getPublic(), TestKeys.freshEc().getPublic()}) {
            assertEquals(jose4j(key), JwkThumbprint.of(key));
        }
    }

    @Test
    void testSuccess_rfc7638Example() throws Exception {
        // RFC 7638 §3.1
        String jwk = "{\"kty\":\"RSA\",\"n\":\"0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFF"
                + "xuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0"
                + "_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6We"
                + "Zu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw\",\"e\":\"AQAB\"}";
        PublicKey key = ((PublicJsonWebKey) JsonWebKey.Factory.newJwk(jwk)).getPublicKey();
        assertEquals("NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs", JwkThumbprint.of(key));
    }
}
