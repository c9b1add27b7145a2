package dev.inkan.ca.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.inkan.core.error.CaException;
import dev.inkan.core.error.ErrorKind;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.RSAKeyGenParameterSpec;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;

class SubscriberKeyCheckTest {
    private static byte[] rsa(int bits, BigInteger exponent) throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(new RSAKeyGenParameterSpec(bits, exponent));
        return g.generateKeyPair().getPublic().getEncoded();
    }

    private static byte[] ec(String curve) throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec(curve));
        return g.generateKeyPair().getPublic().getEncoded();
    }

    private static void assertRefused(byte[] spki, String detailPart) {
        CaException e = assertThrows(CaException.class, () -> SubscriberKeyCheck.check(spki));
        assertEquals(ErrorKind.BAD_PUBLIC_KEY, e.kind());
        assertTrue(e.detail().contains(detailPart), e.detail());
    }

    @Test
    void testSuccess_rsa2048And4096AreAccepted() throws Exception {
        assertTrue(SubscriberKeyCheck.isRsa(SubscriberKeyCheck.check(rsa(2048, RSAKeyGenParameterSpec.F4))));
        SubscriberKeyCheck.check(rsa(4096, RSAKeyGenParameterSpec.F4));
    }

    @Test
    void testSuccess_p256AndP384AreAccepted() throws Exception {
        SubscriberKeyCheck.check(ec("secp256r1"));
        SubscriberKeyCheck.check(ec("secp384r1"));
    }

    @Test
    void testFailure_rsa1024IsRefused() throws Exception {
        assertRefused(rsa(1024, RSAKeyGenParameterSpec.F4), "1024 bits");
    }

    @Test
    void testFailure_rsaExponent3IsRefused() throws Exception {
        assertRefused(rsa(2048, RSAKeyGenParameterSpec.F0), "exponent");
    }

    @Test
    void testFailure_p521IsRefused() throws Exception {
        assertRefused(ec("secp521r1"), "P-256 and P-384");
    }

    @Test
    void testFailure_ed25519IsRefused() throws Exception {
        assertRefused(KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPublic().getEncoded(),
                "not accepted");
    }

    @Test
    void testFailure_garbageIsRefused() {
        assertRefused(new byte[] {0x30, 0x03, 0x02, 0x01, 0x01}, "SubjectPublicKeyInfo");
    }

    // ---- weak RSA moduli (BR 6.1.1.3, 6.1.6) ----

    private static final java.security.SecureRandom RANDOM = new java.security.SecureRandom();
    private static byte[] rsaSpki(BigInteger n, BigInteger e) throws Exception {
        return new org.bouncycastle.asn1.x509.SubjectPublicKeyInfo(
                new org.bouncycastle.asn1.x509.AlgorithmIdentifier(
                        org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers.rsaEncryption,
                        org.bouncycastle.asn1.DERNull.INSTANCE),
                new org.bouncycastle.asn1.pkcs.RSAPublicKey(n, e)).getEncoded("DER");
    }

    private static BigInteger prime1024() {
        BigInteger p;
        do {
            p = BigInteger.probablePrime(1024, RANDOM);
            // the top two bits set: p >= 1.5 * 2^1023, so a product of two such primes has 2048 bits
        } while (!p.testBit(1022));
        return p;
    }

    /**
     * A prime of the Infineon RSALib's form k * M + (65537^a mod M), M the product of the first 126 primes
     * (ROCA, Nemec et al. 2017): what the library made for 2048-bit keys.
     */
    private static BigInteger rocaPrime() {
        BigInteger m = BigInteger.ONE;
        int count = 0;
        for (int q = 2; count < 126; q++) {
            if (BigInteger.valueOf(q).isProbablePrime(30)) {
                m = m.multiply(BigInteger.valueOf(q));
                count++;
            }
        }
        BigInteger g = BigInteger.valueOf(65537);
        while (true) {
            BigInteger a = new BigInteger(64, RANDOM);
            BigInteger p = g.modPow(a, m);
            BigInteger kMin = BigInteger.ONE.shiftLeft(1024).multiply(BigInteger.valueOf(3)).divide(m.shiftLeft(2));
            BigInteger k = kMin.add(new BigInteger(kMin.bitLength() - 2, RANDOM));
            p = k.multiply(m).add(p);
            if (p.bitLength() == 1024 && p.isProbablePrime(40)) {
                return p;
            }
        }
    }

    private static BigInteger product2048(BigInteger p, BigInteger q) {
        BigInteger n = p.multiply(q);
        assertEquals(2048, n.bitLength());
        return n;
    }

    @Test
    void testFailure_rocaModulusIsRefused() throws Exception {
        BigInteger n;
        do {
            n = rocaPrime().multiply(rocaPrime());
        } while (n.bitLength() != 2048);
        assertRefused(rsaSpki(n, RSAKeyGenParameterSpec.F4), "ROCA");
    }

    @Test
    void testSuccess_ordinaryModulusHasNoRocaFingerprint() throws Exception {
        for (int i = 0; i < 5; i++) {
            SubscriberKeyCheck.check(rsa(2048, RSAKeyGenParameterSpec.F4));
        }
    }

    @Test
    void testFailure_closePrimesAreFactoredByFermat() throws Exception {
        BigInteger p = prime1024();
        BigInteger q = p.add(BigInteger.ONE.shiftLeft(400)).nextProbablePrime();
        assertRefused(rsaSpki(product2048(p, q), RSAKeyGenParameterSpec.F4), "Fermat");
    }

    @Test
    void testFailure_smallPrimeFactorIsRefused() throws Exception {
        BigInteger n;
        do {
            n = new BigInteger(2048, RANDOM).setBit(2047).divide(BigInteger.valueOf(751)).or(BigInteger.ONE)
                    .multiply(BigInteger.valueOf(751));
        } while (n.bitLength() != 2048);
        assertRefused(rsaSpki(n, RSAKeyGenParameterSpec.F4), "prime factor below 752");
    }

    @Test
    void testFailure_rsa2050BitsIsNotAMultipleOf8() throws Exception {
        assertRefused(rsaSpki(BigInteger.ONE.shiftLeft(2049).add(BigInteger.valueOf(0x2f3)), RSAKeyGenParameterSpec.F4),
                "2050 bits");
    }

    @Test
    void testFailure_ecPointOffTheCurveIsRefused() throws Exception {
        byte[] spki = ec("secp256r1");
        spki[spki.length - 1] ^= 0x01;
        assertRefused(spki, "not a valid point");
    }
}
