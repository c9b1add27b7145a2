package dev.inkan.ca;

import java.math.BigInteger;
import java.security.SecureRandom;

/**
 * Certificate serial numbers: 127 bits from a CSPRNG. BR §7.1.2.7 and Mozilla §5.2: positive, non-sequential,
 * at least 64 bits of CSPRNG output; clearing the top bit of 16 random bytes keeps the DER INTEGER at 16 bytes.
 */
public final class SerialNumbers {
    private final SecureRandom random;

    public SerialNumbers(SecureRandom random) {
        this.random = random;
    }

    public SerialNumbers() {
        this(new SecureRandom());
    }

    public BigInteger next() {
        byte[] bytes = new byte[16];
        BigInteger serial;
        do {
            random.nextBytes(bytes);
            bytes[0] &= 0x7f;
            serial = new BigInteger(1, bytes);
        } while (serial.signum() == 0);
        return serial;
    }

    /** The store's spelling: lowercase hex without leading zeros. */
    public static String hex(BigInteger serial) {
        return serial.toString(16);
    }
}
