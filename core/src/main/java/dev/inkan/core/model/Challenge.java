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
 * @param target    for the methods outside ACME: the constructed address mailed (BR 3.2.2.4.4), the path of the
 *                  file under {@code /.well-known/pki-validation/} (BR 3.2.2.4.18) or the applicant's name the
 *                  registrant must match (BR 3.2.2.4.12); null for ACME challenges
 * @param valueIssued when the random value was made, for its lifetime (BR 3.2.2.4: at most 30 days; CP 002
 *                  §3.2.2.4: 10 days); null for ACME challenges, whose token lives as long as the authorization
 * @param processingUntil while PROCESSING: by when the process validating it records the outcome (its validation
 *                  timeout, with a margin). Later, that process is taken to have died with the validation, and the
 *                  next process the client reaches runs it again (docs/design/signer-handover.md); null otherwise
 */
public record Challenge(
        String id,
        String type,
        String token,
        ChallengeStatus status,
        Instant validated,
        Problem error,
        List<ValidationRecord> records,
        String target,
        Instant valueIssued,
        Instant processingUntil) {
    public static final String HTTP_01 = "http-01";
    public static final String DNS_01 = "dns-01";
    public static final String TLS_ALPN_01 = "tls-alpn-01";
    /**
     * BR 3.2.2.4.4 Email to a Constructed Address. Not an ACME challenge type: the {@code token} is the SHA-256 of
     * the random value mailed (base64url), so the value itself is never stored or shown to the applicant.
     */
    public static final String CONSTRUCTED_EMAIL = "constructed-email";
    /** BR 3.2.2.4.18 Agreed-Upon Change to Website v2: the token is the random value the file must hold. */
    public static final String WEBSITE_CHANGE = "website-change";
    /** BR 3.2.2.4.12 Validating Applicant as a Domain Contact (RDAP or WHOIS registrant); gated per TLD. */
    public static final String DOMAIN_CONTACT = "domain-contact";

    /** A challenge that is not under way. */
    public Challenge(String id, String type, String token, ChallengeStatus status, Instant validated, Problem error,
            List<ValidationRecord> records, String target, Instant valueIssued) {
        this(id, type, token, status, validated, error, records, target, valueIssued, null);
    }

    /** An ACME challenge (RFC 8555 §8) with its random values made for the ACME account. */
    public Challenge(String id, String type, String token, ChallengeStatus status, Instant validated, Problem error,
            List<ValidationRecord> records) {
        this(id, type, token, status, validated, error, records, null, null);
    }

    /** True for the types an ACME client may be offered and may answer (RFC 8555 §8, RFC 8737). */
    public static boolean isAcme(String type) {
        return HTTP_01.equals(type) || DNS_01.equals(type) || TLS_ALPN_01.equals(type);
    }

    public boolean acme() {
        return isAcme(type);
    }

    /** True when it is PROCESSING past {@link #processingUntil}: the validation was lost with its process. */
    public boolean lapsed(Instant now) {
        return status == ChallengeStatus.PROCESSING && processingUntil != null && processingUntil.isBefore(now);
    }

    public Challenge {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(status, "status");
        records = records == null ? List.of() : List.copyOf(records);
    }
}
