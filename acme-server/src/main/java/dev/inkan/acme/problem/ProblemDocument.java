package dev.inkan.acme.problem;

import dev.inkan.core.error.ErrorKind;
import dev.inkan.core.error.Problem;
import dev.inkan.core.model.Identifier;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Objects;

/**
 * An RFC 8555 §6.7 problem document (RFC 7807 JSON) as it goes on the wire.
 *
 * @param identifier the identifier the problem is about (RFC 8555 §6.7.1), or null
 * @param algorithms for {@code badSignatureAlgorithm}: the algorithms we accept (RFC 8555 §6.2), else empty
 */
public record ProblemDocument(
        String type,
        String detail,
        int status,
        Identifier identifier,
        List<ProblemDocument> subproblems,
        List<String> algorithms) {
    public static final String CONTENT_TYPE = "application/problem+json";

    public ProblemDocument {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(detail, "detail");
        subproblems = subproblems == null ? List.of() : List.copyOf(subproblems);
        algorithms = algorithms == null ? List.of() : List.copyOf(algorithms);
    }

    /** A document of this kind with the kind's own HTTP status. */
    public static ProblemDocument of(ErrorKind kind, String detail) {
        return new ProblemDocument(kind.typeUrn(), detail, kind.httpStatus(), null, List.of(), List.of());
    }

    /** The wire form of a problem stored on an order or challenge, or carried by a CaException. */
    public static ProblemDocument from(Problem problem) {
        List<ProblemDocument> subs = problem.subproblems().stream().map(ProblemDocument::from).toList();
        ErrorKind kind = problem.kind();
        return new ProblemDocument(
                kind.typeUrn(), problem.detail(), kind.httpStatus(), problem.identifier(), subs, List.of());
    }

    /** The same problem answered with another HTTP status (e.g. malformed as 413 or 415). */
    public ProblemDocument withStatus(int newStatus) {
        return new ProblemDocument(type, detail, newStatus, identifier, subproblems, algorithms);
    }

    public ProblemDocument withAlgorithms(List<String> accepted) {
        return new ProblemDocument(type, detail, status, identifier, subproblems, accepted);
    }

    public JsonObject toJson() {
        JsonObject json = new JsonObject().put("type", type).put("detail", detail).put("status", status);
        if (identifier != null) {
            json.put("identifier", identifierJson(identifier));
        }
        if (!subproblems.isEmpty()) {
            JsonArray subs = new JsonArray();
            subproblems.forEach(s -> subs.add(s.toSubproblemJson()));
            json.put("subproblems", subs);
        }
        if (!algorithms.isEmpty()) {
            json.put("algorithms", new JsonArray(algorithms));
        }
        return json;
    }

    // RFC 8555 §6.7.1: a subproblem carries its type, detail and the identifier it concerns
    private JsonObject toSubproblemJson() {
        JsonObject json = new JsonObject().put("type", type).put("detail", detail);
        if (identifier != null) {
            json.put("identifier", identifierJson(identifier));
        }
        return json;
    }

    private static JsonObject identifierJson(Identifier id) {
        return new JsonObject().put("type", id.type()).put("value", id.value());
    }
}
