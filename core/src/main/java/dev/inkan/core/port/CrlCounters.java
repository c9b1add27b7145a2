package dev.inkan.core.port;

import io.vertx.core.Future;

/**
 * The counters CRL publication runs on, shared by every process of the CA: the CRL number of each CRL
 * (RFC 5280 §5.2.3: strictly increasing, persisted across restarts) and a per-issuer count of revocations, which
 * every revocation path bumps so that a publisher in another process learns that a new CRL is due.
 */
public interface CrlCounters {
    /**
     * The next CRL number of one CRL, strictly greater than every number it returned before.
     *
     * @param crlId the issuing CA's id, with {@code /<shard>} for a partitioned CRL
     */
    Future<Long> nextCrlNumber(String crlId);

    /** Records one more revocation by this issuer; returns the issuer's new count. */
    Future<Long> revocationRecorded(String issuerId);

    /** How many revocations were recorded for this issuer (0 if none). */
    Future<Long> revocations(String issuerId);
}
