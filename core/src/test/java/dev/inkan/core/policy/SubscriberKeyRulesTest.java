package dev.inkan.core.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.inkan.core.error.CaException;
import dev.inkan.core.error.ErrorKind;
import dev.inkan.core.port.SubscriberKeyPolicy.Use;
import java.math.BigInteger;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.RSAKeyGenParameterSpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(120)
class SubscriberKeyRulesTest {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Map<String, byte[]> KEYS = new ConcurrentHashMap<>();
    private final SubscriberKeyRules rules = new SubscriberKeyRules(DebianWeakKeys.none());

    static byte[] generated(String alg, String spec) {
        return KEYS.computeIfAbsent(alg + spec, k -> {
            try {
                KeyPairGenerator g = KeyPairGenerator.getInstance(alg);
                if (alg.equals("RSA")) {
                    g.initialize(new RSAKeyGenParameterSpec(Integer.parseInt(spec), RSAKeyGenParameterSpec.F4));
                } else if (alg.equals("EC")) {
                    g.initialize(new ECGenParameterSpec(spec));
                }
                return g.generateKeyPair().getPublic().getEncoded();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private static byte[] rsa(BigInteger n, BigInteger e) throws Exception {
        return KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(n, e)).getEncoded();
    }

    private CaException refused(byte[] spki, Use use, String detailPart) {
        CaException e = assertThrows(CaException.class, () -> rules.check(spki, use));
        assertEquals(ErrorKind.BAD_PUBLIC_KEY, e.kind());
        assertTrue(e.detail().contains(detailPart), e.detail());
        return e;
    }

    @Test
    void testSuccess_rsa2048And4096AndP256AndP384AreAccepted() {
        for (Use use : Use.values()) {
            rules.check(generated("RSA", "2048"), use);
            rules.check(generated("RSA", "4096"), use);
            rules.check(generated("EC", "secp256r1"), use);
            rules.check(generated("EC", "secp384r1"), use);
        }
    }

    @Test
    void testSuccess_ed25519IsAnAccountKeyButNeverACertificateKey() {
        byte[] ed = generated("Ed25519", "");
        rules.check(ed, Use.ACCOUNT);
        refused(ed, Use.CERTIFICATE, "not an accepted");
    }

    @Test
    void testFailure_p521IsRefused() {
        refused(generated("EC", "secp521r1"), Use.CERTIFICATE, "curve that is not accepted");
        refused(generated("EC", "secp521r1"), Use.ACCOUNT, "curve that is not accepted");
    }

    @Test
    void testFailure_rsa1024IsRefused() {
        refused(generated("RSA", "1024"), Use.CERTIFICATE, "RSA 1024 bits");
    }

    @Test
    void testFailure_rsa2050BitsIsNotAMultipleOf8() throws Exception {
        refused(rsa(BigInteger.ONE.shiftLeft(2049).add(BigInteger.valueOf(0x2f3)), RSAKeyGenParameterSpec.F4),
                Use.CERTIFICATE, "RSA 2050 bits");
    }

    @Test
    void testFailure_exponentThreeIsRefused() throws Exception {
        refused(rsa(modulusOf(generated("RSA", "2048")), BigInteger.valueOf(3)), Use.CERTIFICATE, "exponent");
    }

    private static BigInteger modulusOf(byte[] spki) {
        try {
            return ((java.security.interfaces.RSAPublicKey) KeyFactory.getInstance("RSA")
                    .generatePublic(new java.security.spec.X509EncodedKeySpec(spki))).getModulus();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void testFailure_smallPrimeFactorIsRefused() throws Exception {
        BigInteger n;
        do {
            n = new BigInteger(2048, RANDOM).setBit(2047).divide(BigInteger.valueOf(751)).or(BigInteger.ONE)
                    .multiply(BigInteger.valueOf(751));
        } while (n.bitLength() != 2048);
        refused(rsa(n, RSAKeyGenParameterSpec.F4), Use.CERTIFICATE, "prime factor below 752");
    }

    @Test
    void testFailure_closePrimesAreFactoredByFermat() throws Exception {
        BigInteger p;
        do {
            p = BigInteger.probablePrime(1024, RANDOM);
        } while (!p.testBit(1022));
        BigInteger q = p.add(BigInteger.ONE.shiftLeft(400)).nextProbablePrime();
        refused(rsa(p.multiply(q), RSAKeyGenParameterSpec.F4), Use.CERTIFICATE, "Fermat");
    }

    @Test
    void testFailure_rocaModulusIsRefused() throws Exception {
        BigInteger n;
        do {
            n = rocaPrime().multiply(rocaPrime());
        } while (n.bitLength() != 2048);
        refused(rsa(n, RSAKeyGenParameterSpec.F4), Use.CERTIFICATE, "ROCA");
        refused(rsa(n, RSAKeyGenParameterSpec.F4), Use.ACCOUNT, "ROCA");
    }

    @Test
    void testSuccess_ordinaryModuliHaveNoRocaFingerprint() {
        assertFalse(RocaFingerprint.present(modulusOf(generated("RSA", "2048"))));
        assertFalse(RocaFingerprint.present(modulusOf(generated("RSA", "4096"))));
    }

    @Test
    void testFailure_ecPointOffTheCurveIsRefused() throws Exception {
        byte[] spki = generated("EC", "secp256r1").clone();
        spki[spki.length - 1] ^= 0x01;
        refused(spki, Use.CERTIFICATE, "not a valid point");
    }

    @Test
    void testFailure_garbageIsRefused() {
        refused(new byte[] {0x30, 0x03, 0x02, 0x01, 0x01}, Use.CERTIFICATE, "not an accepted");
    }

    /**
     * A prime of the Infineon RSALib's form k * M + (65537^a mod M), M the product of the first 126 primes (ROCA,
     * Nemec et al. 2017): what the library made for 2048-bit keys.
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
            BigInteger kMin = BigInteger.ONE.shiftLeft(1024).multiply(BigInteger.valueOf(3)).divide(m.shiftLeft(2));
            BigInteger k = kMin.add(new BigInteger(kMin.bitLength() - 2, RANDOM));
            BigInteger p = k.multiply(m).add(g.modPow(a, m));
            if (p.bitLength() == 1024 && p.isProbablePrime(40)) {
                return p;
            }
        }
    }
}
