package dev.inkan.ra.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.inkan.core.error.CaException;
import dev.inkan.core.error.ErrorKind;
import dev.inkan.ra.fake.TestKeys;
import java.math.BigInteger;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.RSAPublicKeySpec;
import java.util.Random;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.junit.jupiter.api.Test;

class KeyPolicyTest {
    private final KeyPolicy policy = new KeyPolicy();

    private static SubjectPublicKeyInfo spki(PublicKey key) {
        return SubjectPublicKeyInfo.getInstance(key.getEncoded());
    }

    private static PublicKey rsa(BigInteger n, BigInteger e) throws Exception {
        return KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(n, e));
    }

    private CaException refused(PublicKey key) {
        CaException e = assertThrows(CaException.class, () -> policy.check(spki(key)));
        assertEquals(ErrorKind.BAD_CSR, e.kind());
        return e;
    }

    @Test
    void testSuccess_acceptedKeysPass() {
        policy.check(spki(TestKeys.rsa(2048).getPublic()));
        policy.check(spki(TestKeys.ec("secp256r1").getPublic()));
        policy.check(spki(TestKeys.ec("secp384r1").getPublic()));
    }

    @Test
    void testFailure_closePrimesAreFermatFactorable() throws Exception {
        // p >= 1.5 * 2^1023, so p * q has exactly 2048 bits
        BigInteger p = BigInteger.ONE.shiftLeft(1023).add(BigInteger.ONE.shiftLeft(1022))
                .add(new BigInteger(1000, new Random(7))).nextProbablePrime();
        BigInteger n = p.multiply(p.nextProbablePrime());
        assertEquals(2048, n.bitLength());
        assertTrue(KeyPolicy.fermatFactorable(n));
        assertTrue(refused(rsa(n, BigInteger.valueOf(65537))).detail().contains("factored"));
    }

    @Test
    void testSuccess_realKeyIsNotFermatFactorable() {
        assertFalse(KeyPolicy.fermatFactorable(
                ((java.security.interfaces.RSAPublicKey) TestKeys.rsa(2048).getPublic()).getModulus()));
    }

    @Test
    void testFailure_smallFactorIsRefused() throws Exception {
        // 3 * (2^2046 + 1): odd, 2048 bits, divisible by 3
        PublicKey key = rsa(BigInteger.valueOf(3).multiply(BigInteger.ONE.shiftLeft(2046).add(BigInteger.ONE)),
                BigInteger.valueOf(65537));
        assertTrue(refused(key).detail().contains("small prime factor"));
    }

    @Test
    void testFailure_exponentThreeIsRefused() throws Exception {
        BigInteger n = ((java.security.interfaces.RSAPublicKey) TestKeys.rsa(2048).getPublic()).getModulus();
        assertTrue(refused(rsa(n, BigInteger.valueOf(3))).detail().contains("exponent"));
    }

    @Test
    void testFailure_sizeNotMultipleOf8IsRefused() throws Exception {
        BigInteger n = BigInteger.ONE.shiftLeft(2050).add(BigInteger.valueOf(1001));
        assertTrue(refused(rsa(n, BigInteger.valueOf(65537))).detail().contains("RSA 2051"));
    }

    @Test
    void testFailure_rsa8192IsRefused() throws Exception {
        BigInteger n = BigInteger.ONE.shiftLeft(8191).add(BigInteger.valueOf(1001));
        assertTrue(refused(rsa(n, BigInteger.valueOf(65537))).detail().contains("RSA 8192"));
    }
}
