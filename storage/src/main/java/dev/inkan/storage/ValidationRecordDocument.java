package dev.inkan.storage;

import dev.inkan.core.model.ValidationRecord;
import java.util.List;
import org.bson.Document;

/** What one domain-control check saw (BR 3.2.2.4 evidence), field for field. */
final class ValidationRecordDocument {
    private ValidationRecordDocument() {}

    static Document of(ValidationRecord r) {
        Document d = new Document("method", r.method())
                .append("brSection", r.brSection())
                .append("hostname", r.hostname())
                .append("url", r.url())
                .append("addressesResolved", r.addressesResolved())
                .append("addressUsed", r.addressUsed())
                .append("valueSeen", r.valueSeen())
                .append("perspective", r.perspective())
                .append("dnssec", r.dnssec());
        return Times.put(d, "checkedAt", r.checkedAt());
    }

    static ValidationRecord read(Document d) {
        return new ValidationRecord(
                d.getString("method"),
                d.getString("brSection"),
                d.getString("hostname"),
                d.getString("url"),
                d.getList("addressesResolved", String.class, List.of()),
                d.getString("addressUsed"),
                d.getString("valueSeen"),
                d.getString("perspective"),
                Times.get(d, "checkedAt"),
                d.getString("dnssec"));
    }

    static List<Document> ofAll(List<ValidationRecord> records) {
        return records == null ? List.of() : records.stream().map(ValidationRecordDocument::of).toList();
    }

    static List<ValidationRecord> readAll(List<Document> documents) {
        return documents == null ? List.of() : documents.stream().map(ValidationRecordDocument::read).toList();
    }
}
