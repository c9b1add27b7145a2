package dev.inkan.core.policy;

import java.math.BigInteger;

/**
 * BR 6.1.1.3 (5): reject RSA keys whose primes are so close that Fermat's method factors the modulus within 100
 * rounds (fermatattack.secvuln.info). Starting at a = ceil(sqrt(n)), a modulus p*q with p and q close makes
 * a^2 - n a perfect square b^2 after few steps, and then n = (a - b)(a + b).
 */
final class FermatFactorization {
    /** Boulder's default; the BR asks for at least 100. */
    static final int ROUNDS = 110;

    private FermatFactorization() {}

    /** True when {@link #ROUNDS} rounds of Fermat's method factor the modulus. */
    static boolean factors(BigInteger modulus) {
        return factors(modulus, ROUNDS);
    }

    static boolean factors(BigInteger n, int rounds) {
        BigInteger a = n.sqrt();
        if (a.multiply(a).compareTo(n) < 0) {
            a = a.add(BigInteger.ONE);
        }
        for (int i = 0; i < rounds; i++) {
            BigInteger b2 = a.multiply(a).subtract(n);
            BigInteger b = b2.sqrt();
            if (b.multiply(b).equals(b2)) {
                BigInteger p = a.subtract(b);
                return p.compareTo(BigInteger.ONE) > 0 && p.compareTo(n) < 0;
            }
            a = a.add(BigInteger.ONE);
        }
        return false;
    }
}
