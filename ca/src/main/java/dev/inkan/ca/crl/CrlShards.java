package dev.inkan.ca.crl;

import java.math.BigInteger;

/**
 * Which partition of its CA's CRL a serial belongs to, when CRLs are sharded (BR §4.9.7: partitioned CRLs that
 * together equal a full CRL). Serials are 127 CSPRNG bits, so the remainder spreads them evenly. The shard count
 * is fixed for the life of the CA: a certificate's CRL DP names its shard for good.
 */
public final class CrlShards {
    private CrlShards() {}

    /** The shard of a serial (lowercase hex) among {@code shards}; 0 when there is one CRL. */
    public static int shardOf(String serialHex, int shards) {
        if (shards < 1) {
            throw new IllegalArgumentException("a CA has at least one CRL, not " + shards);
        }
        return new BigInteger(serialHex, 16).mod(BigInteger.valueOf(shards)).intValue();
    }
}
