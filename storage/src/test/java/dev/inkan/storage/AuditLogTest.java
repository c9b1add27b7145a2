package dev.inkan.storage;

import static com.mongodb.client.model.Filters.eq;
import static dev.inkan.storage.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.inkan.core.model.AuditEvent;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.junit.jupiter.api.Test;

class AuditLogTest extends EmbeddedStoreTest {
    @Test
    void testSuccess_eventIsAppendedWithItsDetails() {
        String serial = newId("serial");
        AuditEvent event = new AuditEvent("certificate.revoked", "acct-7", serial, Map.of("reason", "keyCompromise"), T0);
        await(stores.audit().record(event));
        await(stores.audit().record(event));
        Driver driver = new Driver(vertx);
        List<Document> stored = await(driver.all(storage.database().getCollection(MongoAuditLog.COLLECTION).find(eq("subject", serial))));
        assertEquals(2, stored.size());
        Document d = stored.get(0);
        assertEquals(List.of("certificate.revoked", "acct-7", new Document("reason", "keyCompromise"), T0),
                List.of(d.getString("type"), d.getString("actor"), d.get("details"), Times.get(d, "at")));
    }
}
