package dev.inkan.storage;

import dev.inkan.core.error.ErrorKind;
import dev.inkan.core.error.Problem;
import java.util.List;
import org.bson.Document;

/**
 * A problem with its identifier and subproblems (RFC 8555 §6.7.1). The kind is stored by enum name, because
 * NOT_FOUND and CONFLICT share the wire name {@code malformed}.
 */
final class ProblemDocument {
    private ProblemDocument() {}

    static Document of(Problem p) {
        if (p == null) {
            return null;
        }
        return new Document("kind", p.kind().name())
                .append("detail", p.detail())
                .append("identifier", IdentifierDocument.of(p.identifier()))
                .append("subproblems", p.subproblems().stream().map(ProblemDocument::of).toList());
    }

    static Problem read(Document d) {
        if (d == null) {
            return null;
        }
        List<Document> subs = d.getList("subproblems", Document.class, List.of());
        return new Problem(
                ErrorKind.valueOf(d.getString("kind")),
                d.getString("detail"),
                IdentifierDocument.read(d.get("identifier", Document.class)),
                subs.stream().map(ProblemDocument::read).toList());
    }
}
