package dev.inkan.core.error;

import dev.inkan.core.model.Identifier;
import java.util.List;

/** The one exception type that crosses module edges: a kind, a detail meant for the requester, and its problem. */
public final class CaException extends RuntimeException {
    private final Problem problem;
    private final java.time.Duration retryAfter;

    public CaException(ErrorKind kind, String detail) {
        this(new Problem(kind, detail, null, List.of()), null);
    }

    public CaException(ErrorKind kind, String detail, Throwable cause) {
        this(new Problem(kind, detail, null, List.of()), cause);
    }

    public CaException(Problem problem) {
        this(problem, null);
    }

    private CaException(Problem problem, Throwable cause) {
        this(problem, cause, null);
    }

    private CaException(Problem problem, Throwable cause, java.time.Duration retryAfter) {
        super(problem.kind().acmeName() + ": " + problem.detail(), cause);
        this.problem = problem;
        this.retryAfter = retryAfter;
    }

    /** RFC 8555 §6.6: a rate limit was reached; the client may try again after {@code retryAfter}. */
    public static CaException rateLimited(String detail, java.time.Duration retryAfter) {
        return new CaException(new Problem(ErrorKind.RATE_LIMITED, detail, null, List.of()), null, retryAfter);
    }

    /** When the client may try again (Retry-After), or null when the refusal says nothing about it. */
    public java.time.Duration retryAfter() {
        return retryAfter;
    }

    public ErrorKind kind() {
        return problem.kind();
    }

    public String detail() {
        return problem.detail();
    }

    public Problem problem() {
        return problem;
    }

    /** A problem about one identifier, e.g. a CAA refusal for one name of an order. */
    public static CaException forIdentifier(ErrorKind kind, Identifier identifier, String detail) {
        return new CaException(new Problem(kind, detail, identifier, List.of()));
    }

    /** The problem for any throwable: a CaException's own, otherwise serverInternal with a generic detail. */
    public static Problem problemOf(Throwable t) {
        if (t instanceof CaException e) {
            return e.problem();
        }
        return new Problem(ErrorKind.SERVER_INTERNAL, "internal error", null, List.of());
    }
}
