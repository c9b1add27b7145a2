package dev.inkan.acme.problem;

import dev.inkan.core.error.ErrorKind;
import java.util.List;

/** Named factories for the refusals the protocol layer makes itself (RFC 8555 §6.7). */
public final class Problems {
    private Problems() {}

    public static ProblemException of(ErrorKind kind, String detail) {
        return new ProblemException(ProblemDocument.of(kind, detail));
    }

    public static ProblemException malformed(String detail) {
        return of(ErrorKind.MALFORMED, detail);
    }

    /** RFC 8555 §6.2: a POST whose Content-Type is not application/jose+json. */
    public static ProblemException unsupportedMediaType(String detail) {
        return new ProblemException(ProblemDocument.of(ErrorKind.MALFORMED, detail).withStatus(415));
    }

    public static ProblemException payloadTooLarge(long limitBytes) {
        String detail = "request body exceeds the limit of " + limitBytes + " bytes";
        return new ProblemException(ProblemDocument.of(ErrorKind.MALFORMED, detail).withStatus(413));
    }

    /** RFC 8555 §6.3: GET on a resource that is only fetched by POST-as-GET. */
    public static ProblemException methodNotAllowed(String method, String allowed) {
        String detail = "method " + method + " is not allowed here; use " + allowed;
        return new ProblemException(ProblemDocument.of(ErrorKind.MALFORMED, detail).withStatus(405))
                .withHeader("Allow", allowed);
    }

    /** An object that does not exist or belongs to another account: pretend it does not exist. */
    public static ProblemException notFound(String what) {
        return of(ErrorKind.NOT_FOUND, what + " not found");
    }

    public static ProblemException badNonce(String detail) {
        return of(ErrorKind.BAD_NONCE, detail);
    }

    /** RFC 8555 §6.2: badSignatureAlgorithm lists the algorithms we accept. */
    public static ProblemException badSignatureAlgorithm(String detail, List<String> accepted) {
        return new ProblemException(
                ProblemDocument.of(ErrorKind.BAD_SIGNATURE_ALGORITHM, detail).withAlgorithms(accepted));
    }

    public static ProblemException badPublicKey(String detail) {
        return of(ErrorKind.BAD_PUBLIC_KEY, detail);
    }

    public static ProblemException unauthorized(String detail) {
        return of(ErrorKind.UNAUTHORIZED, detail);
    }

    public static ProblemException accountDoesNotExist(String detail) {
        return of(ErrorKind.ACCOUNT_DOES_NOT_EXIST, detail);
    }

    public static ProblemException externalAccountRequired(String detail) {
        return of(ErrorKind.EXTERNAL_ACCOUNT_REQUIRED, detail);
    }

    public static ProblemException badCsr(String detail) {
        return of(ErrorKind.BAD_CSR, detail);
    }

    public static ProblemException badRevocationReason(String detail) {
        return of(ErrorKind.BAD_REVOCATION_REASON, detail);
    }

    public static ProblemException orderNotReady(String detail) {
        return of(ErrorKind.ORDER_NOT_READY, detail);
    }

    /** RFC 8555 §7.3.5: the key is another account's; 409 with that account's URL in Location. */
    public static ProblemException keyInUse(String accountUrl) {
        return of(ErrorKind.CONFLICT, "the new key is already the key of another account")
                .withHeader("Location", accountUrl);
    }
}
