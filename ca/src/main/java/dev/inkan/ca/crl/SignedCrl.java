package dev.inkan.ca.crl;

import java.time.Instant;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A signed CRL as published.
 *
 * @param shard   the partition, or -1 for the CA's full CRL
 * @param entries how many revoked certificates it lists
 * @param der     the CertificateList, DER
 */
public record SignedCrl(String caId, int shard, long number, Instant thisUpdate, Instant nextUpdate, int entries,
        byte[] der) {
    public static final int FULL = -1;

    public SignedCrl {
        Objects.requireNonNull(caId, "caId");
        Objects.requireNonNull(der, "der");
    }

    /** An HTTP entity tag: CRL numbers are unique per CRL, so the number names the content. */
    public String etag() {
        return "\"" + caId + (shard == FULL ? "" : "-" + shard) + "-" + HexFormat.of().toHexDigits(number) + "\"";
    }
}
