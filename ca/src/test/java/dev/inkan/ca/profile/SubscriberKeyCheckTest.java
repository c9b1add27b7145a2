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
}
