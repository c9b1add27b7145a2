package dev.inkan.acme.jws;

import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.PublicJsonWebKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class StoredKeysTest {
    private static String jwk() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        return PublicJsonWebKey.Factory.newPublicJwk(g.generateKeyPair().getPublic())
                .toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY);
    }

    @Test
    void theSameStoredKeyIsParsedOnce() throws Exception {
        StoredKeys keys = new StoredKeys(4);
        String jwk = jwk();

        assertSame(keys.of(jwk), keys.of(jwk));
    }

    @Test
    void theLeastRecentlyUsedKeyIsForgottenPastCapacity() throws Exception {
        StoredKeys keys = new StoredKeys(1);
        String first = jwk();
        AccountKey parsed = keys.of(first);
        keys.of(jwk());

        assertNotSame(parsed, keys.of(first));
    }
}
