package dev.inkan.storage;

import dev.inkan.core.model.Order;
import dev.inkan.core.model.OrderStatus;
import java.util.List;
import org.bson.Document;

/** Collection {@code orders}: one document per order, {@code _id} = order id. */
final class OrderDocument {
    static final String COLLECTION = "orders";

    private OrderDocument() {}

    static Document of(Order o) {
        Document d = new Document("_id", o.id())
                .append("accountId", o.accountId())
                .append("status", o.status().name());
        Times.put(d, "expires", o.expires());
        d.append("identifiers", IdentifierDocument.ofAll(o.identifiers()));
        Times.put(d, "notBefore", o.notBefore());
        Times.put(d, "notAfter", o.notAfter());
        d.append("authorizationIds", o.authorizationIds())
                .append("profile", o.profile())
                .append("error", ProblemDocument.of(o.error()))
                .append("certificateSerial", o.certificateSerial());
        Times.put(d, "createdAt", o.createdAt());
        return Times.put(d, "updatedAt", o.updatedAt());
    }

    static Order read(Document d) {
        return new Order(
                d.getString("_id"),
                d.getString("accountId"),
                OrderStatus.valueOf(d.getString("status")),
                Times.get(d, "expires"),
                IdentifierDocument.readAll(d.getList("identifiers", Document.class)),
                Times.get(d, "notBefore"),
                Times.get(d, "notAfter"),
                d.getList("authorizationIds", String.class, List.of()),
                d.getString("profile"),
                ProblemDocument.read(d.get("error", Document.class)),
                d.getString("certificateSerial"),
                Times.get(d, "createdAt"),
                Times.get(d, "updatedAt"));
    }
}
