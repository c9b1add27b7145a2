package dev.inkan.storage;

import dev.inkan.core.model.CaCertificate;
import org.bson.Document;

/** Collection {@code caCertificates}: one document per ceremony certificate, {@code _id} = its stable name. */
final class CaCertificateDocument {
    static final String COLLECTION = "caCertificates";

    private CaCertificateDocument() {}

    static Document of(CaCertificate c) {
        Document d = new Document("_id", c.id())
                .append("role", c.role())
                .append("subjectDn", c.subjectDn())
                .append("keyAlias", c.keyAlias())
                .append("issuerId", c.issuerId())
                .append("der", CertificateDocument.binary(c.der()))
                .append("spkiSha256", c.spkiSha256());
        return Times.put(d, "createdAt", c.createdAt());
    }

    static CaCertificate read(Document d) {
        return new CaCertificate(
                d.getString("_id"),
                d.getString("role"),
                d.getString("subjectDn"),
                d.getString("keyAlias"),
                d.getString("issuerId"),
                CertificateDocument.bytes(d, "der"),
                d.getString("spkiSha256"),
                Times.get(d, "createdAt"));
    }
}
