package dev.inkan.vetting.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class TotpTest {
    private static final byte[] RFC_KEY = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);

    @Test
    void rfc6238Sha1Vectors() {
        assertEquals("94287082", Totp.code(RFC_KEY, 59 / 30, 8));
        assertEquals("07081804", Totp.code(RFC_KEY, 1111111109L / 30, 8));
        assertEquals("14050471", Totp.code(RFC_KEY, 1111111111L / 30, 8));
        assertEquals("89005924", Totp.code(RFC_KEY, 1234567890L / 30, 8));
        assertEquals("69279037", Totp.code(RFC_KEY, 2000000000L / 30, 8));
        assertEquals("65353130", Totp.code(RFC_KEY, 20000000000L / 30, 8));
    }

    @Test
    void sixDigitsFromTheBase32Secret() {
        assertEquals("287082", Totp.code(Base32.encode(RFC_KEY), 1));
        assertEquals("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ", Base32.encode(RFC_KEY));
    }

    @Test
    void acceptsOneStepOfDriftButNotTwo() {
        String secret = Totp.newSecret();
        Instant now = Instant.parse("2026-12-07T10:00:15Z");
        long step = Totp.step(now);
        assertEquals(step - 1, Totp.matchingStep(secret, Totp.code(secret, step - 1), now).getAsLong());
        assertTrue(Totp.matchingStep(secret, Totp.code(secret, step - 2), now).isEmpty());
    }

    @Test
    void keyUriHasIssuerAndDefaults() {
        assertEquals("otpauth://totp/Inkan%20CA:alice?secret=JBSWY3DPEHPK3PXP&issuer=Inkan%20CA&algorithm=SHA1&digits=6"
                + "&period=30", Totp.uri("Inkan CA", "alice", "JBSWY3DPEHPK3PXP"));
    }

    @Test
    void qrCodeIsAnSvg() {
        assertTrue(QrCode.svg(Totp.uri("Inkan", "alice", "JBSWY3DPEHPK3PXP")).startsWith("<svg"));
    }
}
