package dev.inkan.core.model;

import dev.inkan.core.error.Problem;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One challenge of an authorization (RFC 8555 §7.1.5, §8).
 *
 * @param id        unique within its authorization
 * @param type      {@code http-01}, {@code dns-01}, ...
 * @param token     at least 128 bits from a CSPRNG, base64url (RFC 8555 §8.1)
 * @param validated when it became valid, or null
 * @param error     why it became invalid, or null
 * @param records   what the validation saw, one entry per lookup or fetch
 */
public record Challenge(
        String id,
        String type,
        String token,
        ChallengeStatus status,
        Instant validated,
        Problem error,
        List<ValidationRecord> records) {
    public static final String HTTP_01 = "http-01";
    public static final String DNS_01 = "dns-01";
    public static final String TLS_ALPN_01 = "tls-alpn-01";

    public Challenge {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(status, "status");
        records = records == null ? List.of() : List.copyOf(records);
    }
}
