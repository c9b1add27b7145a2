package dev.inkan.dns;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The DNSSEC trust anchors a validating resolver starts from: the IANA root anchors shipped with Inkan (BR 3.2.2.4
 * and 3.2.2.8.1: validation "to the IANA DNSSEC root trust anchor"), or a file of DS/DNSKEY records in zone-file
 * form (an operator's copy of root-anchors, or a test zone's key).
 */
final class TrustAnchors {
    private static final String IANA_RESOURCE = "root-anchors.zone";

    private final byte[] zoneText;
    private final String source;

    private TrustAnchors(byte[] zoneText, String source) {
        this.zoneText = zoneText;
        this.source = source;
    }

    /** Null for "" (no validation). */
    static TrustAnchors of(String setting) {
        if (setting == null || setting.isBlank()) {
            return null;
        }
        if (DnsConfig.IANA_ROOT.equals(setting)) {
            try (InputStream in = TrustAnchors.class.getResourceAsStream(IANA_RESOURCE)) {
                return new TrustAnchors(in.readAllBytes(), "IANA root anchors (KSK-2017, KSK-2024)");
            } catch (IOException | NullPointerException e) {
                throw new IllegalStateException("the IANA root anchors are missing from the dns jar", e);
            }
        }
        Path file = Path.of(setting);
        try {
            return new TrustAnchors(Files.readAllBytes(file), file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the DNSSEC trust anchors " + file, e);
        }
    }

    InputStream open() {
        return new ByteArrayInputStream(zoneText);
    }

    @Override
    public String toString() {
        return source;
    }
}
