package dev.inkan.storage;

import dev.inkan.core.model.CertificateRecord;
import dev.inkan.core.model.CertificateStatus;
import dev.inkan.core.model.RevocationReason;
import java.util.List;
import org.bson.Document;
import org.bson.types.Binary;

/** Collection {@code certificates}: one document per serial, {@code _id} = the serial (lowercase hex). */
final class CertificateDocument {
    static final String COLLECTION = "certificates";

    private CertificateDocument() {}

    static Document of(CertificateRecord c) {
        Document d = new Document("_id", c.serial())
                .append("issuerId", c.issuerId())
                .append("accountId", c.accountId())
                .append("orderId", c.orderId())
                .append("status", c.status().name())
                .append("tbsDer", binary(c.tbsDer()))
                .append("der", binary(c.der()))
                .append("dnsNames", c.dnsNames())
                .append("spkiSha256", c.spkiSha256())
                .append("precertificateDer", binary(c.precertificateDer()));
        Times.put(d, "notBefore", c.notBefore());
        Times.put(d, "notAfter", c.notAfter());
        Times.put(d, "createdAt", c.createdAt());
        Times.put(d, "revokedAt", c.revokedAt());
        return d.append("revocationReason", c.revocationReason() == null ? null : c.revocationReason().name());
    }

    static CertificateRecord read(Document d) {
        String reason = d.getString("revocationReason");
        return new CertificateRecord(
                d.getString("_id"),
                d.getString("issuerId"),
                d.getString("accountId"),
                d.getString("orderId"),
                CertificateStatus.valueOf(d.getString("status")),
                bytes(d, "tbsDer"),
                bytes(d, "der"),
                d.getList("dnsNames", String.class, List.of()),
                d.getString("spkiSha256"),
                Times.get(d, "notBefore"),
                Times.get(d, "notAfter"),
                Times.get(d, "createdAt"),
                Times.get(d, "revokedAt"),
                reason == null ? null : RevocationReason.valueOf(reason),
                bytes(d, "precertificateDer"));
    }

    static Binary binary(byte[] bytes) {
        return bytes == null ? null : new Binary(bytes);
    }

    static byte[] bytes(Document d, String name) {
        Object value = d.get(name);
        if (value == null) {
            return null;
        }
        return value instanceof Binary b ? b.getData() : (byte[]) value;
    }
}
