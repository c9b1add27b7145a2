package dev.inkan.ca;

import java.util.Objects;

/**
 * Where relying parties fetch a CA's CRL, OCSP answers and certificate; the servers that publish them answer
 * on the same paths. BR §7.1.2.7.7 and §7.1.2.11.2: AIA and CRL DP URLs use the http scheme.
 *
 * @param baseUrl   e.g. {@code http://localhost:14080}, without a trailing slash
 * @param crlShards how many partitions each CA's CRL has (1: one full CRL); fixed for the life of a CA
 */
public record CaUrls(String baseUrl, int crlShards) {
    public CaUrls(String baseUrl) {
        this(baseUrl, 1);
    }

    public CaUrls {
        Objects.requireNonNull(baseUrl, "baseUrl");
        if (crlShards < 1) {
            throw new IllegalArgumentException("a CA has at least one CRL, not " + crlShards);
        }
        if (!baseUrl.startsWith("http://")) {
            throw new IllegalArgumentException("CRL and AIA URLs must use http:// (BR 7.1.2.7.7), got " + baseUrl);
        }
        while (baseUrl.endsWith("/")) {
            baseUrl = baseUrl.substring(0, baseUrl.length() - 1);
        }
    }

    /** The full CRL of this CA: {@code <base>/crl/<caId>.crl}. */
    public String crl(String caId) {
        return baseUrl + "/crl/" + caId + ".crl";
    }

    /**
     * One partition of this CA's CRL, {@code <base>/crl/<caId>/<shard>.crl}: the URL a certificate's CRL DP names
     * when CRLs are sharded by serial, and the one its shard's issuingDistributionPoint repeats (BR §7.2.2).
     */
    public String crl(String caId, int shard) {
        if (shard < 0) {
            throw new IllegalArgumentException("a CRL shard is a non-negative number, not " + shard);
        }
        return baseUrl + "/crl/" + caId + "/" + shard + ".crl";
    }

    /** The same URLs with each CA's CRL partitioned into {@code shards}. */
    public CaUrls withCrlShards(int shards) {
        return new CaUrls(baseUrl, shards);
    }

    /**
     * The CRL a certificate of this serial names in its CRL DP: the full CRL, or with sharded CRLs its shard's, the
     * URL that shard's issuingDistributionPoint repeats (BR §7.1.2.11.2, §7.2.2).
     */
    public String crlFor(String caId, String serialHex) {
        return crlShards == 1 ? crl(caId) : crl(caId, dev.inkan.ca.crl.CrlShards.shardOf(serialHex, crlShards));
    }

    /** The OCSP responder for certificates this CA signed: {@code <base>/ocsp/<caId>}. */
    public String ocsp(String caId) {
        return baseUrl + "/ocsp/" + caId;
    }

    /** This CA's certificate, DER: {@code <base>/ca/<caId>.der}. */
    public String caIssuers(String caId) {
        return baseUrl + "/ca/" + caId + ".der";
    }
}
