package dev.inkan.storage;

import dev.inkan.core.model.Identifier;
import java.util.List;
import org.bson.Document;

/** {@code {type, value}}, always in that field order so that whole identifier lists compare equal. */
final class IdentifierDocument {
    private IdentifierDocument() {}

    static Document of(Identifier identifier) {
        return identifier == null ? null : new Document("type", identifier.type()).append("value", identifier.value());
    }

    static Identifier read(Document d) {
        return d == null ? null : new Identifier(d.getString("type"), d.getString("value"));
    }

    static List<Document> ofAll(List<Identifier> identifiers) {
        return identifiers.stream().map(IdentifierDocument::of).toList();
    }

    static List<Identifier> readAll(List<Document> documents) {
        return documents == null ? List.of() : documents.stream().map(IdentifierDocument::read).toList();
    }
}
