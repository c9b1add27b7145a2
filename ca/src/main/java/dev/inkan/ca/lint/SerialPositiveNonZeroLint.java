package dev.inkan.ca.lint;

import java.math.BigInteger;
import java.util.Optional;

/** BR 7.1.2.7 and RFC 5280 §4.1.2.2: the serial is positive, non-zero, and at most 20 octets (below 2^159). */
final class SerialPositiveNonZeroLint implements CertificateLint {
    @Override
    public String name() {
        return "serial_positive_nonzero";
    }

    @Override
    public Optional<String> check(LintedCertificate c) {
        BigInteger serial = c.certificate().getSerialNumber();
        if (serial.signum() <= 0) {
            return Optional.of("the serial number " + serial + " is not positive");
        }
        if (serial.bitLength() > 159) {
            return Optional.of("the serial number is longer than 20 octets");
        }
        // 64 bits of CSPRNG output cannot be seen in one serial, but a short one cannot hold them
        if (serial.bitLength() < 64) {
            return Optional.of("the serial number has fewer than 64 bits");
        }
        return Optional.empty();
    }
}
