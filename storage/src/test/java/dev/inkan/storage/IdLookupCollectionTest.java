package dev.inkan.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import de.bwaldvogel.mongo.bson.Document;
import java.util.List;
import org.junit.jupiter.api.Test;

class IdLookupCollectionTest {
    @Test
    void testSuccess_topLevelStringIdIsRequired() {
        assertEquals("o-1", IdLookupCollection.requiredId(new Document("_id", "o-1").append("status", "PENDING")));
    }

    @Test
    void testSuccess_idInsideNestedAndIsRequired() {
        Document inner = new Document("$and", List.of(new Document("_id", "a-1"), new Document("status", "PENDING")));
        Document query = new Document("$and", List.of(inner, new Document("challenges", new Document("$elemMatch", new Document()))));
        assertEquals("a-1", IdLookupCollection.requiredId(query));
    }

    @Test
    void testSuccess_operatorsAndOtherTypesKeepTheStockPath() {
        assertNull(IdLookupCollection.requiredId(new Document("_id", new Document("$in", List.of("a", "b")))));
        assertNull(IdLookupCollection.requiredId(new Document("_id", 7)));
        assertNull(IdLookupCollection.requiredId(new Document("$or", List.of(new Document("_id", "a")))));
        assertNull(IdLookupCollection.requiredId(new Document("accountId", "acct-1")));
    }
}
