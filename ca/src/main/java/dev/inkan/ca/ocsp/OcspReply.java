package dev.inkan.ca.ocsp;

import java.time.Instant;
import java.util.HexFormat;
import java.util.Objects;

/**
 * What the responder answers: an OCSPResponse, DER. A signed answer carries its validity, which the HTTP layer
 * turns into caching headers (RFC 5019 §6.2); an error answer (malformedRequest, unauthorized, ...) is unsigned
 * and has none.
 *
 * @param thisUpdate null for an unsigned error answer
 * @param nextUpdate null for an unsigned error answer
 * @param etag       an entity tag naming the content: the responses differ whenever their bytes do; computed once,
 *                   since the same answer is served many times
 */
public record OcspReply(byte[] der, Instant thisUpdate, Instant nextUpdate, String etag) {
    public OcspReply {
        Objects.requireNonNull(der, "der");
        Objects.requireNonNull(etag, "etag");
    }

    public OcspReply(byte[] der, Instant thisUpdate, Instant nextUpdate) {
        this(der, thisUpdate, nextUpdate, etagOf(der));
    }

    public boolean signed() {
        return thisUpdate != null;
    }

    private static String etagOf(byte[] der) {
        return "\"" + HexFormat.of().formatHex(OcspIssuer.digest("SHA-256", der), 0, 16) + "\"";
    }
}
