package dev.inkan.core.port;

import dev.inkan.core.model.RevokedEntry;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.List;

/** The revoked certificates a CRL lists, read without their bytes so that a CRL of a million entries stays cheap. */
public interface RevokedSerials {
    /** REVOKED certificates of the issuer whose notAfter is after {@code expiringAfter}, in no particular order. */
    Future<List<RevokedEntry>> revokedExpiringAfter(String issuerId, Instant expiringAfter);
}
