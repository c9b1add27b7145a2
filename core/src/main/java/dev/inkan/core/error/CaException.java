package dev.inkan.core.error;

import dev.inkan.core.model.Identifier;
import java.util.List;

/** The one exception type that crosses module edges: a kind, a detail meant for the requester, and its problem. */
public final class CaException extends RuntimeException {
    private final Problem problem;

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
        super(problem.kind().acmeName() + ": " + problem.detail(), cause);
        this.problem = problem;
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
