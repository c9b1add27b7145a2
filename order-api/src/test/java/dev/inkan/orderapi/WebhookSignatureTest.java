package dev.inkan.orderapi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class WebhookSignatureTest {
    @Test
    void testHeader_isTheTimestampAndTheHmacOfTimestampDotBody() {
        // RFC 4231 test case 2's key and HMAC-SHA256 (key "Jefe", data "what do ya want for nothing?"), with the
        // timestamp and the dot the header format puts before the body.
        String header = WebhookSignature.header("Jefe", Instant.ofEpochSecond(1_700_000_000L), "{}");
        assertEquals("t=1700000000,v1=" + WebhookSignature.hmac("Jefe", "1700000000.{}"), header);
        assertEquals("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
                WebhookSignature.hmac("Jefe", "what do ya want for nothing?"));
    }
}
