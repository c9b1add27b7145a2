package dev.inkan.core.error;

/**
 * One kind per RFC 8555 §6.7 error type (plus the RFC 9773 and profiles-draft additions).
 * Only the front ends turn a kind into a wire problem; everything inside throws {@link CaException}.
 */
public enum ErrorKind {
    ACCOUNT_DOES_NOT_EXIST("accountDoesNotExist", 400),
    ALREADY_REPLACED("alreadyReplaced", 409),
    ALREADY_REVOKED("alreadyRevoked", 400),
    BAD_CSR("badCSR", 400),
    BAD_NONCE("badNonce", 400),
    BAD_PUBLIC_KEY("badPublicKey", 400),
    BAD_REVOCATION_REASON("badRevocationReason", 400),
    BAD_SIGNATURE_ALGORITHM("badSignatureAlgorithm", 400),
    CAA("caa", 403),
    COMPOUND("compound", 403),
    CONNECTION("connection", 400),
    DNS("dns", 400),
    EXTERNAL_ACCOUNT_REQUIRED("externalAccountRequired", 403),
    INCORRECT_RESPONSE("incorrectResponse", 403),
    INVALID_CONTACT("invalidContact", 400),
    INVALID_PROFILE("invalidProfile", 400),
    MALFORMED("malformed", 400),
    ORDER_NOT_READY("orderNotReady", 403),
    RATE_LIMITED("rateLimited", 429),
    REJECTED_IDENTIFIER("rejectedIdentifier", 400),
    SERVER_INTERNAL("serverInternal", 500),
    TLS("tls", 400),
    UNAUTHORIZED("unauthorized", 403),
    UNSUPPORTED_CONTACT("unsupportedContact", 400),
    UNSUPPORTED_IDENTIFIER("unsupportedIdentifier", 400),
    USER_ACTION_REQUIRED("userActionRequired", 403),
    /** Not an RFC 8555 type: a resource that does not exist (or that the requester may not see). */
    NOT_FOUND("malformed", 404),
    /** Not an RFC 8555 type: a request that conflicts with the resource's state. */
    CONFLICT("malformed", 409);

    private static final String PREFIX = "urn:ietf:params:acme:error:";

    private final String acmeName;
    private final int httpStatus;

    ErrorKind(String acmeName, int httpStatus) {
        this.acmeName = acmeName;
        this.httpStatus = httpStatus;
    }

    /** The RFC 8555 short name, e.g. {@code badNonce}. */
    public String acmeName() {
        return acmeName;
    }

    /** The full problem type URN, e.g. {@code urn:ietf:params:acme:error:badNonce}. */
    public String typeUrn() {
        return PREFIX + acmeName;
    }

    public int httpStatus() {
        return httpStatus;
    }

    /** The kind for a stored type URN or short name; {@link #SERVER_INTERNAL} when unknown. */
    public static ErrorKind fromAcmeName(String nameOrUrn) {
        String name = nameOrUrn.startsWith(PREFIX) ? nameOrUrn.substring(PREFIX.length()) : nameOrUrn;
        for (ErrorKind k : values()) {
            if (k.acmeName.equals(name) && k != NOT_FOUND && k != CONFLICT) {
                return k;
            }
        }
        return SERVER_INTERNAL;
    }
}
