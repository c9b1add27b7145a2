package dev.inkan.ct;

import java.security.PublicKey;
import java.time.Instant;
import java.util.Objects;

/**
 * One log of the log list.
 *
 * @param logId          SHA-256 of the log's DER SubjectPublicKeyInfo (RFC 6962 §3.2)
 * @param submissionUrl  the RFC 6962 base ({@code url}, or a tiled log's {@code submission_url}), ending in "/"
 * @param intervalStart  temporal_interval.start_inclusive, or null for an unsharded log
 * @param intervalEnd    temporal_interval.end_exclusive, or null
 * @param tiled          a static-ct-api log (c2sp.org/static-ct-api); submission is still RFC 6962
 */
public record CtLog(
        String description,
        String operator,
        byte[] logId,
        PublicKey key,
        String submissionUrl,
        LogState state,
        Instant intervalStart,
        Instant intervalEnd,
        boolean tiled) {
    public CtLog {
        Objects.requireNonNull(operator, "operator");
        Objects.requireNonNull(logId, "logId");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(submissionUrl, "submissionUrl");
        Objects.requireNonNull(state, "state");
        if (!submissionUrl.endsWith("/")) {
            submissionUrl = submissionUrl + "/";
        }
    }

    /** Chrome log policy: a temporally sharded log takes only certificates expiring inside its interval. */
    public boolean acceptsExpiry(Instant notAfter) {
        return (intervalStart == null || !notAfter.isBefore(intervalStart))
                && (intervalEnd == null || notAfter.isBefore(intervalEnd));
    }

    public String name() {
        return description == null || description.isBlank() ? submissionUrl : description;
    }
}
