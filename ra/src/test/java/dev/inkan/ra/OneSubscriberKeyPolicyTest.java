package dev.inkan.ra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.inkan.core.error.CaException;
import dev.inkan.core.error.ErrorKind;
import dev.inkan.core.model.Account;
import dev.inkan.core.model.Order;
import dev.inkan.core.model.OrderStatus;
import dev.inkan.core.port.RegistrationAuthority.NewAccountRequest;
import dev.inkan.ra.fake.TestKeys;
import dev.inkan.ra.policy.JwkThumbprint;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 14 finding 11: the RA asks the one subscriber key policy in core, the same code the CA asks again before it
 * signs, for CSR keys at finalize and account keys at newAccount and keyChange. Before, the RA had its own policy
 * without the ROCA check, answered {@code badCSR} where the CA answered {@code badPublicKey}, and never checked
 * account keys for weakness.
 */
class OneSubscriberKeyPolicyTest extends RaTestBase {
    private static final SecureRandom RANDOM = new SecureRandom();

    private static PublicKey debianWeakKey() throws Exception {
        try (InputStream in = OneSubscriberKeyPolicyTest.class
                .getResourceAsStream("debian-weak-lenny-amd64-rnd-rsa-2048-0.pub")) {
            String pem = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
            byte[] der = Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
            return KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der));
        }
    }

    /** A 2048-bit modulus of two primes of the Infineon RSALib's form (ROCA, CVE-2017-15361). */
    private static PublicKey rocaKey() throws Exception {
        BigInteger n;
        do {
            n = rocaPrime().multiply(rocaPrime());
        } while (n.bitLength() != 2048);
        return KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(n, BigInteger.valueOf(65537)));
    }

    private static BigInteger rocaPrime() {
        BigInteger m = BigInteger.ONE;
        int count = 0;
        for (int q = 2; count < 126; q++) {
            if (BigInteger.valueOf(q).isProbablePrime(30)) {
                m = m.multiply(BigInteger.valueOf(q));
                count++;
            }
        }
        BigInteger kMin = BigInteger.ONE.shiftLeft(1024).multiply(BigInteger.valueOf(3)).divide(m.shiftLeft(2));
        while (true) {
            BigInteger k = kMin.add(new BigInteger(kMin.bitLength() - 2, RANDOM));
            BigInteger p = k.multiply(m).add(BigInteger.valueOf(65537).modPow(new BigInteger(64, RANDOM), m));
            if (p.bitLength() == 1024 && p.isProbablePrime(40)) {
                return p;
            }
        }
    }

    private Order readyOrder(Account account, String name) throws Exception {
        Order order = newOrder(account, name);
        validate(account, order);
        return order(order.id());
    }

    /** The key check comes before proof of possession, so the CSR is signed by another key. */
    private static byte[] csrFor(PublicKey key, String name) {
        return TestKeys.csr(new KeyPair(key, TestKeys.rsa(2048).getPrivate()), null, List.of(name));
    }

    @Test
    void testFinding11_rocaKeyIsRefusedAtFinalizeAsTheCaRefusesIt() throws Exception {
        Account account = newAccount();
        Order ready = readyOrder(account, "roca.example.com");
        CaException e = failure(ErrorKind.BAD_PUBLIC_KEY,
                ra.finalizeOrder(account.id(), ready.id(), csrFor(rocaKey(), "roca.example.com")));
        assertTrue(e.detail().contains("ROCA"), e.detail());
        assertEquals(OrderStatus.READY, order(ready.id()).status());
        assertTrue(ca.requests().isEmpty(), "nothing reaches the CA");
    }

    @Test
    void testFinding11_debianWeakKeyIsRefusedAtFinalize() throws Exception {
        Account account = newAccount();
        Order ready = readyOrder(account, "debian.example.com");
        CaException e = failure(ErrorKind.BAD_PUBLIC_KEY,
                ra.finalizeOrder(account.id(), ready.id(), csrFor(debianWeakKey(), "debian.example.com")));
        assertTrue(e.detail().contains("Debian weak key"), e.detail());
    }

    @Test
    void testFinding11_debianWeakKeyCannotBeAnAccountKey() throws Exception {
        PublicKey weak = debianWeakKey();
        CaException e = failure(ErrorKind.BAD_PUBLIC_KEY, ra.newAccount(new NewAccountRequest(
                JwkThumbprint.canonicalJwk(weak), JwkThumbprint.of(weak), List.of(), true, false, null)));
        assertTrue(e.detail().contains("account key is a Debian weak key"), e.detail());
        assertFalse(audit.types().contains("account.created"));
    }

    @Test
    void testFinding11_changeKeyToAWeakKeyIsRefused() throws Exception {
        Account account = newAccount();
        PublicKey roca = rocaKey();
        CaException e = failure(ErrorKind.BAD_PUBLIC_KEY,
                ra.changeKey(account.id(), JwkThumbprint.canonicalJwk(roca), JwkThumbprint.of(roca)));
        assertTrue(e.detail().contains("ROCA"), e.detail());
        assertEquals(account.keyThumbprint(), await(accounts.byId(account.id())).orElseThrow().keyThumbprint());
    }
}
