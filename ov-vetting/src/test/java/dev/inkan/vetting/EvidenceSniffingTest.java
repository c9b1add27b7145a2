package dev.inkan.vetting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class EvidenceSniffingTest {
    @Test
    void pdfPngAndJpegAreRecognisedByContent() {
        assertEquals("application/pdf", EvidenceFiles.sniff("%PDF-1.7\n".getBytes(StandardCharsets.US_ASCII)).orElseThrow());
        assertEquals("image/png", EvidenceFiles.sniff(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0})
                .orElseThrow());
        assertEquals("image/jpeg", EvidenceFiles.sniff(new byte[] {(byte) 0xff, (byte) 0xd8, (byte) 0xff, (byte) 0xe0})
                .orElseThrow());
    }

    @Test
    void htmlNamedPdfIsNotAccepted() {
        assertTrue(EvidenceFiles.sniff("<html><script>".getBytes(StandardCharsets.US_ASCII)).isEmpty());
    }
}
