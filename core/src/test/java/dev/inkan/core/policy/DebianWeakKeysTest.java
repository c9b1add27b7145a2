package dev.inkan.core.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.inkan.core.error.CaException;
import dev.inkan.core.error.ErrorKind;
import dev.inkan.core.port.SubscriberKeyPolicy.Use;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 14 finding 2 (BR 6.1.1.3 (5)): real Debian weak keys from the HARICA-official/debian-weak-keys corpus (public
 * halves in the test resources, named after their corpus path) are refused by the one subscriber key policy.
 */
@Timeout(60)
class DebianWeakKeysTest {
    static byte[] publicKey(String name) throws Exception {
        try (InputStream in = DebianWeakKeysTest.class.getResourceAsStream("debian-weak-keys/" + name + ".pub")) {
            String pem = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
            return Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
        }
    }

    private static BigInteger modulus(byte[] spki) throws Exception {
        return ((RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(spki))).getModulus();
    }

    @ParameterizedTest
    @ValueSource(strings = {"lenny-amd64-noreadrnd-rsa-2048-123", "lenny-amd64-rnd-rsa-2048-0",
            "lenny-i386-nornd-rsa-2048-42", "lenny-amd64-nornd-rsa-4096-1000"})
    void testFinding2_debianWeakKeyFromTheCorpusIsRefused(String name) throws Exception {
        byte[] spki = publicKey(name);
        for (Use use : Use.values()) {
            CaException e = assertThrows(CaException.class, () -> SubscriberKeyRules.standard().check(spki, use));
            assertEquals(ErrorKind.BAD_PUBLIC_KEY, e.kind());
            assertTrue(e.detail().contains("Debian weak key"), e.detail());
        }
    }

    @Test
    void testFinding2_theSameKeysPassEveryOtherCheck() throws Exception {
        // without the list they are ordinary-looking keys: only the fingerprint finds them
        new SubscriberKeyRules(DebianWeakKeys.none()).check(publicKey("lenny-amd64-rnd-rsa-2048-0"), Use.CERTIFICATE);
    }

    @Test
    void testFingerprint_isDebiansOpensslVulnkeyName() throws Exception {
        // `openssl rsa -noout -modulus -in 0.key | sha1sum | cut -c21-40` over the corpus file
        assertEquals("be7de9894f27392df9a6",
                DebianWeakKeys.fingerprint(modulus(publicKey("lenny-amd64-rnd-rsa-2048-0"))));
    }

    @Test
    void testShipped_listsLoadAndAnOrdinaryKeyIsNotOnThem() {
        DebianWeakKeys shipped = DebianWeakKeys.shipped();
        assertEquals(4, shipped.size());
        assertFalse(shipped.contains(BigInteger.ONE.shiftLeft(2047).add(BigInteger.valueOf(12345))));
    }

    @Test
    void testFailure_aLineThatIsNotAFingerprintIsAnError() {
        assertThrows(IllegalArgumentException.class, () -> DebianWeakKeys.of(List.of("# comment", "not-hex")));
        assertEquals(1, DebianWeakKeys.of(List.of("# comment", "", "BE7DE9894F27392DF9A6")).size());
    }
}
