package dev.inkan.core.policy;

import java.math.BigInteger;

/**
 * BR 6.1.6 (NIST SP 800-89 §5.3.3): an RSA modulus SHOULD have no prime factor below 752. One gcd with the
 * product of those primes finds any of them.
 */
final class SmallPrimeFactors {
    static final int BOUND = 752;
    private static final BigInteger PRODUCT = productOfPrimesBelow(BOUND);

    private SmallPrimeFactors() {}

    /** True when the modulus has a prime factor below 752 (an even modulus included). */
    static boolean present(BigInteger modulus) {
        return !modulus.gcd(PRODUCT).equals(BigInteger.ONE);
    }

    private static BigInteger productOfPrimesBelow(int bound) {
        BigInteger product = BigInteger.ONE;
        for (int p = 2; p < bound; p++) {
            if (BigInteger.valueOf(p).isProbablePrime(30)) {
                product = product.multiply(BigInteger.valueOf(p));
            }
        }
        return product;
    }
}
