package dev.inkan.core.policy;

import dev.inkan.core.error.CaException;
import dev.inkan.core.error.ErrorKind;
import dev.inkan.core.port.SubscriberKeyPolicy;
import java.math.BigInteger;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECFieldFp;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.EllipticCurve;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The subscriber key policy (BR 6.1.5, 6.1.6, 6.1.1.3, 7.1.3.1.1): RSA with a 2048 to 4096-bit modulus (a multiple of
 * 8) and a public exponent between 65537 and 2^256-1, or ECDSA on the named curves P-256 and P-384 with the point on
 * its curve; account keys may also be Ed25519. The key must be DER, byte for byte as the JDK would encode it, since a
 * certificate carries the exact bytes. RSA moduli with a prime factor below 752, primes close enough for Fermat's
 * method, the ROCA fingerprint, or a place in the Debian weak-key list are refused as weak.
 *
 * <p>Written with the JDK alone so that every module can call the same code: the RA at finalize, newAccount and
 * keyChange, and the CA in front of every signature.
 */
public final class SubscriberKeyRules implements SubscriberKeyPolicy {
    private static final BigInteger MIN_EXPONENT = BigInteger.valueOf(65537);
    private static final Map<String, ECParameterSpec> CURVES = namedCurves("P-256", "secp256r1", "P-384", "secp384r1");
    private static final String ACCEPTED = "accepted keys: RSA 2048 to 4096 bits (a multiple of 8), ECDSA P-256 or P-384";

    private final DebianWeakKeys debianWeakKeys;

    /** @param debianWeakKeys the fingerprints of the Debian OpenSSL 2006-2008 keys (BR 6.1.1.3 (5)) */
    public SubscriberKeyRules(DebianWeakKeys debianWeakKeys) {
        this.debianWeakKeys = debianWeakKeys;
    }

    /** The policy with the Debian weak-key fingerprints this release ships. */
    public static SubscriberKeyRules standard() {
        return Standard.RULES;
    }

    @Override
    public PublicKey check(byte[] der, Use use) {
        String what = use == Use.ACCOUNT ? "the account key" : "the certificate key";
        if (der == null || der.length == 0) {
            throw bad(what + " is missing");
        }
        PublicKey key = decode("RSA", der);
        if (key instanceof RSAPublicKey rsa) {
            requireCanonical(rsa, der, what);
            checkRsa(rsa, what);
            return rsa;
        }
        key = decode("EC", der);
        if (key instanceof ECPublicKey ec) {
            String curve = curveOf(ec, what);
            requireCanonical(ec, der, what);
            requireOnCurve(ec, curve, what);
            return ec;
        }
        if (use == Use.ACCOUNT) {
            key = decode("Ed25519", der);
            if (key != null) {
                requireCanonical(key, der, what);
                return key;
            }
        }
        throw bad(what + " is not an accepted SubjectPublicKeyInfo or algorithm; " + ACCEPTED
                + (use == Use.ACCOUNT ? ", or Ed25519 for an account" : ""));
    }

    private void checkRsa(RSAPublicKey key, String what) {
        BigInteger n = key.getModulus();
        int bits = n.bitLength();
        if (bits < 2048 || bits > 4096 || bits % 8 != 0) {
            throw bad(what + " is RSA " + bits + " bits, which is not accepted; " + ACCEPTED);
        }
        // BR 6.1.6: odd, and SHOULD be in [2^16+1, 2^256-1]; we hold the SHOULD as a MUST
        BigInteger e = key.getPublicExponent();
        if (!e.testBit(0) || e.compareTo(MIN_EXPONENT) < 0 || e.bitLength() > 256) {
            throw bad(what + " is RSA with public exponent " + e + "; it must be odd and between 65537 and 2^256-1");
        }
        if (SmallPrimeFactors.present(n)) {
            // BR 6.1.6 (NIST SP 800-89 5.3.3)
            throw bad(what + " is RSA " + bits + " bits with a prime factor below 752 (BR 6.1.6); generate a new key");
        }
        if (FermatFactorization.factors(n)) {
            throw bad(what + " is RSA " + bits + " bits factorable by Fermat's method: its primes are too close"
                    + " (BR 6.1.1.3 (5)); generate a new key");
        }
        if (RocaFingerprint.present(n)) {
            throw bad(what + " carries the ROCA fingerprint (CVE-2017-15361, Infineon RSALib) (BR 6.1.1.3 (5));"
                    + " generate a new key with updated software");
        }
        if (debianWeakKeys.contains(n)) {
            throw bad(what + " is a Debian weak key (CVE-2008-0166, OpenSSL on Debian 2006-2008) (BR 6.1.1.3 (5));"
                    + " generate a new key with a current OpenSSL");
        }
    }

    private static String curveOf(ECPublicKey key, String what) {
        ECParameterSpec params = key.getParams();
        for (Map.Entry<String, ECParameterSpec> named : CURVES.entrySet()) {
            ECParameterSpec c = named.getValue();
            if (c.getCurve().equals(params.getCurve()) && c.getGenerator().equals(params.getGenerator())
                    && c.getOrder().equals(params.getOrder()) && c.getCofactor() == params.getCofactor()) {
                return named.getKey();
            }
        }
        throw bad(what + " is ECDSA on a curve that is not accepted; " + ACCEPTED);
    }

    /** SP 800-56A 5.6.2.3.4 partial validation: the point lies on the curve (both curves have cofactor 1). */
    private static void requireOnCurve(ECPublicKey key, String curve, String what) {
        EllipticCurve c = key.getParams().getCurve();
        BigInteger p = ((ECFieldFp) c.getField()).getP();
        ECPoint w = key.getW();
        if (w == ECPoint.POINT_INFINITY) {
            throw bad(what + " is not a valid point on " + curve);
        }
        BigInteger x = w.getAffineX();
        BigInteger y = w.getAffineY();
        boolean inField = x.signum() >= 0 && y.signum() >= 0 && x.compareTo(p) < 0 && y.compareTo(p) < 0;
        BigInteger rhs = x.pow(3).add(c.getA().multiply(x)).add(c.getB()).mod(p);
        if (!inField || !y.pow(2).mod(p).equals(rhs)) {
            throw bad(what + " is not a valid point on " + curve);
        }
    }

    /**
     * BR 7.1.3.1.1: rsaEncryption with NULL parameters and a named curve, encoded as DER. The certificate carries the
     * subscriber's bytes, so anything the JDK would encode differently is refused.
     */
    private static void requireCanonical(PublicKey key, byte[] der, String what) {
        if (!Arrays.equals(key.getEncoded(), der)) {
            throw bad(what + " is not DER-encoded as RFC 5480 and RFC 3279 define (named curve, NULL RSA parameters)");
        }
    }

    private static PublicKey decode(String algorithm, byte[] der) {
        try {
            return KeyFactory.getInstance(algorithm).generatePublic(new X509EncodedKeySpec(der));
        } catch (GeneralSecurityException | RuntimeException e) {
            return null;
        }
    }

    private static Map<String, ECParameterSpec> namedCurves(String... nameAndOid) {
        Map<String, ECParameterSpec> curves = new LinkedHashMap<>();
        try {
            for (int i = 0; i < nameAndOid.length; i += 2) {
                AlgorithmParameters params = AlgorithmParameters.getInstance("EC");
                params.init(new ECGenParameterSpec(nameAndOid[i + 1]));
                curves.put(nameAndOid[i], params.getParameterSpec(ECParameterSpec.class));
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK lacks a NIST curve", e);
        }
        return Map.copyOf(curves);
    }

    private static CaException bad(String detail) {
        return new CaException(ErrorKind.BAD_PUBLIC_KEY, detail);
    }

    /** Loaded on first use, once per process. */
    private static final class Standard {
        static final SubscriberKeyRules RULES = new SubscriberKeyRules(DebianWeakKeys.shipped());
    }
}
