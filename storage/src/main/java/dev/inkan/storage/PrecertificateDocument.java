package dev.inkan.storage;

import dev.inkan.core.model.Precertificate;
import dev.inkan.core.model.PrecertificateStage;
import java.util.List;
import org.bson.Document;
import org.bson.types.Binary;

/** Collection {@code precertificates}: one document per serial, {@code _id} = the serial (lowercase hex). */
final class PrecertificateDocument {
    static final String COLLECTION = "precertificates";

    private PrecertificateDocument() {}

    static Document of(Precertificate p) {
        Document d = new Document("_id", p.serial())
                .append("issuerId", p.issuerId())
                .append("orderId", p.orderId())
                .append("status", p.stage().name())
                .append("precertTbsDer", CertificateDocument.binary(p.precertTbsDer()))
                .append("precertDer", CertificateDocument.binary(p.precertDer()))
                .append("scts", p.scts().stream().map(Binary::new).toList())
                .append("finalTbsDer", CertificateDocument.binary(p.finalTbsDer()))
                .append("error", p.error());
        Times.put(d, "createdAt", p.createdAt());
        return Times.put(d, "updatedAt", p.updatedAt());
    }

    static Precertificate read(Document d) {
        List<byte[]> scts = d.getList("scts", Object.class, List.of()).stream()
                .map(o -> o instanceof Binary b ? b.getData() : (byte[]) o)
                .toList();
        return new Precertificate(
                d.getString("_id"),
                d.getString("issuerId"),
                d.getString("orderId"),
                PrecertificateStage.valueOf(d.getString("status")),
                CertificateDocument.bytes(d, "precertTbsDer"),
                CertificateDocument.bytes(d, "precertDer"),
                scts,
                CertificateDocument.bytes(d, "finalTbsDer"),
                d.getString("error"),
                Times.get(d, "createdAt"),
                Times.get(d, "updatedAt"));
    }
}
