package dev.inkan.core.policy;

import java.math.BigInteger;
import java.util.BitSet;
import java.util.List;

/**
 * BR 6.1.1.3 (5): reject keys made by the Infineon RSALib (CVE-2017-15361, "ROCA"). Its primes have the form
 * k * M + (65537^a mod M), M the product of the first small primes, so for every small prime r the residue of
 * such a prime modulo r lies in the multiplicative subgroup that 65537 generates mod r, and so does the residue
 * of a product of two such primes. The detector of Nemec et al. (crocs-muni/roca) tests exactly that for the
 * primes below.
 */
final class RocaFingerprint {
    private static final BigInteger GENERATOR = BigInteger.valueOf(65537);
    /**
     * The odd primes among the first 126, which the library's M holds for every modulus of 1984 bits or more (the
     * sizes this CA accepts): with all of them a modulus from another generator passes by chance with a
     * probability near 2^-167.
     */
    private static final List<Integer> PRIMES = java.util.stream.IntStream.rangeClosed(3, 701)
            .filter(r -> BigInteger.valueOf(r).isProbablePrime(30)).boxed().toList();
    /** For each prime r, which residues mod r the powers of 65537 reach. */
    private static final List<BitSet> SUBGROUPS = PRIMES.stream().map(RocaFingerprint::subgroup).toList();

    private RocaFingerprint() {}

    /** True when the modulus carries the fingerprint. */
    static boolean present(BigInteger modulus) {
        for (int i = 0; i < PRIMES.size(); i++) {
            int residue = modulus.mod(BigInteger.valueOf(PRIMES.get(i))).intValue();
            if (!SUBGROUPS.get(i).get(residue)) {
                return false;
            }
        }
        return true;
    }

    private static BitSet subgroup(int r) {
        BitSet reached = new BitSet(r);
        int g = GENERATOR.mod(BigInteger.valueOf(r)).intValue();
        int x = 1;
        do {
            reached.set(x);
            x = (x * g) % r;
        } while (x != 1);
        return reached;
    }
}
