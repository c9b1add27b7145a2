package dev.inkan.acme.jws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.inkan.acme.TestJws;
import io.vertx.core.json.JsonObject;
import java.math.BigInteger;
import java.security.interfaces.ECPublicKey;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.PublicJsonWebKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * JWS signatures are verified with the account key made once as Bouncy Castle's own; every signature gets the
 * verdict the JWK's own key gave before.
 */
@Timeout(60)
class VerificationKeyTest {
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder UNB64 = Base64.getUrlDecoder();

    @Test
    void testSuccess_ecKeysAreVerifiedWithAKeyMadeOnceAndOthersWithTheirOwn() {
        AccountKey ec = key(TestJws.ecKey());
        AccountKey rsa = key(TestJws.rsaKey(2048));

        assertNotSame(ec.publicKey(), ec.verificationKey());
        assertEquals(ec.publicKey(), ec.verificationKey(), "the same public key");
        assertTrue(rsa.publicKey() == rsa.verificationKey());
    }

    @Test
    void testSuccess_validSignatureVerifiesUnderEveryAccountKeyType() {
        for (PublicJsonWebKey jwk : new PublicJsonWebKey[] {TestJws.ecKey(), TestJws.ecP384Key(), TestJws.rsaKey(2048),
                TestJws.ed25519Key()}) {
            AccountKey key = key(jwk);
            FlattenedJws jws = FlattenedJws.parse(signed(jwk).flattenedJson());
            String alg = jws.header().getString("alg");
            assertTrue(jws.verifies(key.verificationKey(), alg, true), alg);
            // the key kept for the account verifies the next request as well
            assertTrue(FlattenedJws.parse(signed(jwk).flattenedJson()).verifies(key.verificationKey(), alg, true), alg);
        }
    }

    @Test
    void testFailure_tamperedPayloadDoesNotVerify() {
        PublicJsonWebKey jwk = TestJws.ecKey();
        JsonObject json = signed(jwk).flattenedJson();
        json.put("payload", B64.encodeToString("{\"status\":\"deactivated\"}".getBytes()));

        assertFalse(FlattenedJws.parse(json).verifies(key(jwk).verificationKey(), "ES256", true));
    }

    @Test
    void testFailure_signatureOfAnotherKeyDoesNotVerify() {
        PublicJsonWebKey account = TestJws.ecKey();
        PublicJsonWebKey other = TestJws.ecKey();
        FlattenedJws jws = FlattenedJws.parse(signed(other).flattenedJson());

        assertFalse(jws.verifies(key(account).verificationKey(), "ES256", true));
    }

    @Test
    void testFailure_keyOnAnotherCurveThanTheAlgorithmIsRefused() {
        PublicJsonWebKey p384 = TestJws.ecP384Key();
        FlattenedJws jws = FlattenedJws.parse(signed(p384).flattenedJson());

        assertFalse(jws.verifies(key(p384).verificationKey(), "ES256", true));
    }

    /** Signatures as sloppy or hostile clients send them: the verdict is the one the JWK's own key gives. */
    @Test
    void testSuccess_everyVariantOfAnEs256SignatureGetsTheVerdictOfTheJwksOwnKey() {
        PublicJsonWebKey jwk = TestJws.ecKey();
        AccountKey key = key(jwk);
        BigInteger n = ((ECPublicKey) jwk.getPublicKey()).getParams().getOrder();
        JsonObject valid = signed(jwk).flattenedJson();
        byte[] raw = UNB64.decode(valid.getString("signature"));
        BigInteger r = new BigInteger(1, Arrays.copyOfRange(raw, 0, 32));
        BigInteger s = new BigInteger(1, Arrays.copyOfRange(raw, 32, 64));

        Map<String, JsonObject> variants = new LinkedHashMap<>();
        variants.put("as signed", valid);
        variants.put("high s", withSignature(valid, concat(fixed(r), fixed(n.subtract(s)))));
        variants.put("r zero", withSignature(valid, concat(fixed(BigInteger.ZERO), fixed(s))));
        variants.put("r plus n", withSignature(valid, concat(fixed(r.add(n)), fixed(s))));
        variants.put("one byte short", withSignature(valid, Arrays.copyOf(raw, 63)));
        variants.put("one byte long", withSignature(valid, Arrays.copyOf(raw, 65)));
        variants.put("DER instead of r||s", withSignature(valid, der(r, s)));
        variants.put("empty", withSignature(valid, new byte[0]));
        variants.put("unknown critical header", signed(jwk).header("crit", java.util.List.of("exp")).header("exp", 1)
                .flattenedJson());

        int accepted = 0;
        for (Map.Entry<String, JsonObject> v : variants.entrySet()) {
            FlattenedJws jws = FlattenedJws.parse(v.getValue());
            boolean before = jws.verifies(key.publicKey(), "ES256", true);
            boolean now = jws.verifies(key.verificationKey(), "ES256", true);
            assertEquals(before, now, v.getKey());
            accepted += now ? 1 : 0;
        }
        assertEquals(2, accepted, "the signature as signed and with high s");
    }

    private static TestJws signed(PublicJsonWebKey jwk) {
        return TestJws.signedBy(jwk).url("https://ca.example/acme/new-order").nonce("n0nce")
                .kid("https://ca.example/acme/acct/1").payload("{\"identifiers\":[]}");
    }

    private static AccountKey key(PublicJsonWebKey jwk) {
        return AccountKey.fromStored(jwk.toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY));
    }

    private static JsonObject withSignature(JsonObject jws, byte[] signature) {
        return jws.copy().put("signature", B64.encodeToString(signature));
    }

    private static byte[] fixed(BigInteger v) {
        byte[] b = v.toByteArray();
        byte[] out = new byte[32];
        int n = Math.min(b.length, 32);
        System.arraycopy(b, b.length - n, out, 32 - n, n);
        return out;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static byte[] der(BigInteger r, BigInteger s) {
        byte[] rb = r.toByteArray();
        byte[] sb = s.toByteArray();
        byte[] out = new byte[6 + rb.length + sb.length];
        out[0] = 0x30;
        out[1] = (byte) (4 + rb.length + sb.length);
        out[2] = 0x02;
        out[3] = (byte) rb.length;
        System.arraycopy(rb, 0, out, 4, rb.length);
        out[4 + rb.length] = 0x02;
        out[5 + rb.length] = (byte) sb.length;
        System.arraycopy(sb, 0, out, 6 + rb.length, sb.length);
        return out;
    }
}
