package dev.inkan.ca.profile;

import dev.inkan.ca.keys.FermatFactorization;
import dev.inkan.ca.keys.RocaFingerprint;
import dev.inkan.ca.keys.SmallPrimeFactors;
import dev.inkan.core.error.CaException;
import dev.inkan.core.error.ErrorKind;
import java.io.IOException;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.Set;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.RSAPublicKey;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.crypto.util.PublicKeyFactory;

/**
 * The subscriber key types this CA certifies (BR §6.1.5, §7.1.3.1): RSA with a 2048 to 4096-bit modulus (a
 * multiple of 8) and ECDSA on P-256 or P-384 with the point on its curve, encoded byte-exactly; RSA moduli with
 * small prime factors, Fermat-factorable close primes or the ROCA fingerprint are refused (BR 6.1.1.3). The RA
 * checks the CSR key too; this check runs again in front of every signature. The compromised-key blocklist is
 * asked in {@link dev.inkan.ca.keys.SubscriberKeys}.
 */
public final class SubscriberKeyCheck {
    private static final String ACCEPTED = "accepted keys: RSA 2048 to 4096 bits, ECDSA P-256 or P-384";
    private static final Set<ASN1ObjectIdentifier> CURVES = Set.of(SECObjectIdentifiers.secp256r1,
            SECObjectIdentifiers.secp384r1);
    private static final BigInteger MIN_EXPONENT = BigInteger.valueOf(65537);

    private SubscriberKeyCheck() {}

    /** The parsed key, or CaException(BAD_PUBLIC_KEY) saying what is accepted. */
    public static SubjectPublicKeyInfo check(byte[] spkiDer) {
        SubjectPublicKeyInfo spki = parse(spkiDer);
        AlgorithmIdentifier alg = spki.getAlgorithm();
        if (alg.getAlgorithm().equals(PKCSObjectIdentifiers.rsaEncryption)) {
            checkRsa(spki);
        } else if (alg.getAlgorithm().equals(X9ObjectIdentifiers.id_ecPublicKey)) {
            checkEc(spki);
        } else {
            throw bad("key algorithm " + alg.getAlgorithm() + " is not accepted; " + ACCEPTED);
        }
        return spki;
    }

    /** True when a certificate for this key may carry keyEncipherment (BR §7.1.2.7.11: RSA only). */
    public static boolean isRsa(SubjectPublicKeyInfo spki) {
        return spki.getAlgorithm().getAlgorithm().equals(PKCSObjectIdentifiers.rsaEncryption);
    }

    private static SubjectPublicKeyInfo parse(byte[] der) {
        try {
            SubjectPublicKeyInfo spki = SubjectPublicKeyInfo.getInstance(der);
            // The TBS carries these exact bytes; anything but DER would be re-encoded differently.
            if (!Arrays.equals(spki.getEncoded(ASN1Encoding.DER), der)) {
                throw bad("the public key is not DER encoded");
            }
            return spki;
        } catch (IOException | IllegalArgumentException e) {
            throw bad("the public key is not a valid SubjectPublicKeyInfo");
        }
    }

    private static void checkRsa(SubjectPublicKeyInfo spki) {
        // BR §7.1.3.1.1: rsaEncryption with NULL parameters, byte for byte
        if (!DERNull.INSTANCE.equals(spki.getAlgorithm().getParameters())) {
            throw bad("an RSA key's algorithm parameters must be NULL");
        }
        RSAPublicKey key;
        try {
            key = RSAPublicKey.getInstance(spki.parsePublicKey());
        } catch (IOException | IllegalArgumentException e) {
            throw bad("the RSA public key cannot be parsed");
        }
        int bits = key.getModulus().bitLength();
        if (bits < 2048 || bits > 4096 || bits % 8 != 0) {
            throw bad("an RSA modulus of " + bits + " bits is not accepted; " + ACCEPTED);
        }
        // BR §6.1.6: an odd exponent, SHOULD be in 2^16+1 .. 2^256-1; we hold the SHOULD as a MUST
        BigInteger e = key.getPublicExponent();
        if (!e.testBit(0) || e.compareTo(MIN_EXPONENT) < 0 || e.bitLength() > 256) {
            throw bad("the RSA public exponent must be odd and between 65537 and 2^256-1");
        }
        checkModulus(key.getModulus());
    }

    /** BR 6.1.1.3 (5) and 6.1.6: weak moduli, each refusal naming its reason. */
    private static void checkModulus(BigInteger n) {
        if (SmallPrimeFactors.present(n)) {
            throw bad("the RSA modulus has a prime factor below 752 (BR 6.1.6); generate a new key");
        }
        if (FermatFactorization.factors(n)) {
            throw bad("the RSA modulus is factorable by Fermat's method: its primes are too close "
                    + "(BR 6.1.1.3); generate a new key");
        }
        if (RocaFingerprint.present(n)) {
            throw bad("the RSA key carries the ROCA fingerprint (CVE-2017-15361, Infineon RSALib) "
                    + "(BR 6.1.1.3); generate a new key with updated software");
        }
    }

    private static void checkEc(SubjectPublicKeyInfo spki) {
        if (!(spki.getAlgorithm().getParameters() instanceof ASN1ObjectIdentifier curve) || !CURVES.contains(curve)) {
            throw bad("only the named curves P-256 and P-384 are accepted; " + ACCEPTED);
        }
        try {
            // ECPublicKeyParameters checks the point is on the curve and in the right subgroup
            PublicKeyFactory.createKey(spki);
        } catch (IOException | IllegalArgumentException e) {
            throw bad("the ECDSA public key is not a valid point on its curve");
        }
    }

    private static CaException bad(String detail) {
        return new CaException(ErrorKind.BAD_PUBLIC_KEY, detail);
    }
}
