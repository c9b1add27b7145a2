package dev.inkan.core.error;

import dev.inkan.core.model.Identifier;
import java.util.List;
import java.util.Objects;

/**
 * A problem as stored on an order, an authorization's challenge or a validation record (RFC 8555 §6.7,
 * with subproblems per §6.7.1). The wire form is made by the front ends.
 *
 * @param identifier the identifier the problem is about, or null
 */
public record Problem(ErrorKind kind, String detail, Identifier identifier, List<Problem> subproblems) {
    public Problem {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(detail, "detail");
        subproblems = subproblems == null ? List.of() : List.copyOf(subproblems);
    }

    public static Problem of(ErrorKind kind, String detail) {
        return new Problem(kind, detail, null, List.of());
    }
}
