package dev.inkan.ra.policy;

import dev.inkan.core.error.CaException;
import dev.inkan.core.error.ErrorKind;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECFieldFp;
import java.security.spec.ECPoint;
import java.security.spec.EllipticCurve;
import java.security.spec.X509EncodedKeySpec;
import java.util.Map;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;

/**
 * Subscriber keys (BR 6.1.5, 6.1.6, 6.1.1.3): RSA 2048 to 4096 bits in multiples of 8, or ECDSA on P-256 or
 * P-384 (P-521 is allowed by the BR but not offered, as at Let's Encrypt). RSA keys are also checked for
 * small factors and Fermat-factorable close primes. Refusals are {@code badCSR} naming the key.
 */
public final class KeyPolicy {
    static final int MIN_RSA_BITS = 2048;
    static final int MAX_RSA_BITS = 4096;
    static final int FERMAT_ROUNDS = 100;
    private static final BigInteger MIN_EXPONENT = BigInteger.valueOf(65537);
    private static final BigInteger MAX_EXPONENT = BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE);
    private static final BigInteger SMALL_PRIMES = primorialBelow(752);
    private static final Map<ASN1ObjectIdentifier, String> CURVES =
            Map.of(SECObjectIdentifiers.secp256r1, "P-256", SECObjectIdentifiers.secp384r1, "P-384");
    private static final String ACCEPTED = "use RSA 2048 to 4096 bits (a multiple of 8) or ECDSA P-256 or P-384";

    /** The checked key as a JCA key. */
    public PublicKey check(SubjectPublicKeyInfo spki) {
        ASN1ObjectIdentifier alg = spki.getAlgorithm().getAlgorithm();
        if (PKCSObjectIdentifiers.rsaEncryption.equals(alg)) {
            RSAPublicKey key = (RSAPublicKey) decode("RSA", spki);
            checkRsa(key);
            return key;
        }
        if (X9ObjectIdentifiers.id_ecPublicKey.equals(alg)) {
            String curve = curveOf(spki);
            ECPublicKey key = (ECPublicKey) decode("EC", spki);
            requireOnCurve(key, curve);
            return key;
        }
        throw bad("the CSR key has algorithm " + alg.getId() + ", which is not accepted; " + ACCEPTED);
    }

    private static void checkRsa(RSAPublicKey key) {
        BigInteger n = key.getModulus();
        int bits = n.bitLength();
        if (bits < MIN_RSA_BITS || bits > MAX_RSA_BITS || bits % 8 != 0) {
            throw bad("the CSR key is RSA " + bits + " bits, which is not accepted; " + ACCEPTED);
        }
        BigInteger e = key.getPublicExponent();
        // BR 6.1.6: odd, and SHOULD be in [2^16+1, 2^256-1]; we hold to the SHOULD
        if (!e.testBit(0) || e.compareTo(MIN_EXPONENT) < 0 || e.compareTo(MAX_EXPONENT) > 0) {
            throw bad("the CSR key is RSA with public exponent " + e + "; it must be odd and between 65537 and 2^256-1");
        }
        // BR 6.1.6 (NIST SP 800-89 5.3.3): no factors smaller than 752
        if (!n.gcd(SMALL_PRIMES).equals(BigInteger.ONE)) {
            throw bad("the CSR key is RSA " + bits + " bits with a small prime factor; it is weak");
        }
        if (fermatFactorable(n)) {
            // BR 6.1.1.3(5): close primes, factorable by Fermat's method within 100 rounds
            throw bad("the CSR key is RSA " + bits + " bits with primes so close that it can be factored; it is weak");
        }
    }

    static boolean fermatFactorable(BigInteger n) {
        BigInteger a = n.sqrt();
        if (a.multiply(a).compareTo(n) < 0) {
            a = a.add(BigInteger.ONE);
        }
        for (int i = 0; i < FERMAT_ROUNDS; i++) {
            BigInteger b2 = a.multiply(a).subtract(n);
            BigInteger b = b2.sqrt();
            if (b.multiply(b).equals(b2)) {
                return true;
            }
            a = a.add(BigInteger.ONE);
        }
        return false;
    }

    private static String curveOf(SubjectPublicKeyInfo spki) {
        Object params = spki.getAlgorithm().getParameters();
        String curve = params instanceof ASN1ObjectIdentifier oid ? CURVES.get(oid) : null;
        if (curve == null) {
            String named = params instanceof ASN1ObjectIdentifier oid ? "curve " + oid.getId() : "explicit curve parameters";
            throw bad("the CSR key is ECDSA on " + named + ", which is not accepted; " + ACCEPTED);
        }
        return curve;
    }

    /** SP 800-56A 5.6.2.3.4 partial validation: the point lies on the curve (both curves have cofactor 1). */
    private static void requireOnCurve(ECPublicKey key, String curve) {
        EllipticCurve c = key.getParams().getCurve();
        BigInteger p = ((ECFieldFp) c.getField()).getP();
        ECPoint w = key.getW();
        BigInteger x = w.getAffineX();
        BigInteger y = w.getAffineY();
        boolean inField = x.signum() >= 0 && y.signum() >= 0 && x.compareTo(p) < 0 && y.compareTo(p) < 0;
        BigInteger rhs = x.pow(3).add(c.getA().multiply(x)).add(c.getB()).mod(p);
        if (!inField || !y.pow(2).mod(p).equals(rhs)) {
            throw bad("the CSR key is not a valid point on " + curve);
        }
    }

    private static PublicKey decode(String algorithm, SubjectPublicKeyInfo spki) {
        try {
            return KeyFactory.getInstance(algorithm).generatePublic(new X509EncodedKeySpec(spki.getEncoded()));
        } catch (GeneralSecurityException | java.io.IOException | RuntimeException e) {
            throw bad("the CSR's " + algorithm + " public key could not be decoded");
        }
    }

    private static BigInteger primorialBelow(int limit) {
        BigInteger product = BigInteger.ONE;
        for (int i = 2; i < limit; i++) {
            if (BigInteger.valueOf(i).isProbablePrime(30)) {
                product = product.multiply(BigInteger.valueOf(i));
            }
        }
        return product;
    }

    private static CaException bad(String detail) {
        return new CaException(ErrorKind.BAD_CSR, detail);
    }
}
